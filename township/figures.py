"""The shape of a figure that an app's stats.py hands to reports and dashboards.

A figure is plain data: its value, how it was computed, and the ledger filter that lists the
records behind it, so that every number in a report links to its records.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse


@dataclass(frozen=True)
class Figure:
    key: str  # stable identifier, e.g. "disputes.registered"
    label: str  # what it counts, in Chinese, e.g. "排查矛盾纠纷"
    value: int | Decimal | None  # a count, or a percentage for rates (None when undefined)
    unit: str = ""  # 件, 人次, 个, %
    numerator: int | None = None  # for rates: value = numerator / denominator × 100
    denominator: int | None = None
    definition: str = ""  # how the figure is computed, printed where the figure is shown
    ledger: str = ""  # URL namespace of the ledger behind it, e.g. "disputes"
    query: dict = field(default_factory=dict)  # the ledger filter that lists its records
    names: tuple[str, ...] = ()  # what it counts, for the report's wording (the occasions, the laws studied …)

    @property
    def is_rate(self) -> bool:
        return self.denominator is not None

    @property
    def url(self) -> str:
        if not self.ledger:
            return ""
        base = reverse(f"{self.ledger}:list")
        return f"{base}?{urlencode(self.query)}" if self.query else base

    def as_dict(self) -> dict:
        """What a finalized report freezes (JSON-serialisable)."""
        return {
            "key": self.key, "label": self.label,
            "value": None if self.value is None else str(self.value),
            "unit": self.unit, "numerator": self.numerator, "denominator": self.denominator,
            "definition": self.definition, "url": self.url,
        }


def rate(numerator: int, denominator: int) -> Decimal | None:
    """A percentage with one decimal, or None when nothing was due (never a division by zero)."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"))


# --- figures in drafted prose (the areas' report wording, township.areas.ReportSubsection.draft) --------

AT_LEAST = "以上"


def count_of(figure: Figure | None) -> int:
    """A count figure's value, 0 when the figure is missing or empty."""
    return int(figure.value or 0) if figure is not None else 0


def placeholder(figure: Figure, unit: str = "", *, at_least: bool = False) -> str:
    """The placeholder of a figure in drafted prose, ``{key}`` (or ``{key:以上}``, the customary "at least"
    form), followed by ``unit`` when the figure has none. The report prints it as the linked figure."""
    suffix = f":{AT_LEAST}" if at_least else ""
    return f"{{{figure.key}{suffix}}}" + ("" if figure.unit or figure.is_rate else unit)
