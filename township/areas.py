"""The registry of work areas: each app declares its area once, in its own ``area.py``, and the portal
reads the declarations (DESIGN.md §3). Adding an area touches no file outside its app.

An area declares its nav entry and landing page, its ledgers (with who reads and who enters each),
its dashboard figures (the key figures a county compares, the per-village columns), the subsections
of the report's part 一 it drafts and their wording, and the targets part 三 may set for it.

    # outreach/area.py
    from township.areas import Area, register

    register(Area(code="outreach", label=_("普法宣传"), position=50, ledgers=[EventLedger], ...))

``township`` discovers every installed app's ``area`` module when Django starts (TownshipConfig.ready).
The root URLconf includes each area's ``urls`` module by its dotted path, the navigation and the
area pages list the registered areas, and ``reports`` reads figures, wording and targets from here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.urls import path

if TYPE_CHECKING:
    from township.figures import Figure
    from township.ledger import Ledger


@dataclass
class ReportSubsection:
    """One subsection of the report's part 一 that an area drafts from its figures."""

    topic: str  # stable code stored on the report's subsection
    label: str  # what it is about, for the section editor
    heading: str  # the default heading (the reference report's wording)
    position: int  # its place in part 一 (（一）…（五） in the reference)
    draft: Callable[[dict[str, Figure], int], str]  # (every figure of the township-year, year) → prose
    no_records: str  # what the draft says while the area has no records of the year
    closing: str = ""  # a clause the drafted text ends with, after what other areas add (no final 。)
    area: str = ""  # set by the area that declares it


@dataclass(frozen=True)
class TargetIndicator:
    """A figure that part 三 may set a yearly target for (每年组织专题培训不少于8次 → ≥ 8)."""

    key: str  # a figure key of the area's stats
    label: str
    unit: str = ""


@dataclass
class Area:
    code: str  # also the URL prefix, the landing page's URL name and what a clerk's membership names
    label: str
    position: int  # order in the navigation
    ledgers: Sequence[type[Ledger]] = ()
    app: str = ""  # the Django app; defaults to code
    urls: str | None = ""  # dotted path of the URLconf the root includes; defaults to "<app>.urls"
    stats: str | None = ""  # dotted path of the stats module (figures, monthly, by_village, alerts …)
    key_figures: Sequence[str] = ()  # figure keys the county dashboard compares
    village_columns: dict[str, str] = field(default_factory=dict)  # per-village column → its label
    report_sections: Sequence[ReportSubsection] = ()
    # sentences this area adds to another area's subsection: topic → draft(figures, year) giving a sentence
    # without its final 。 ("" adds nothing), placed before that subsection's closing clause
    report_additions: dict[str, Callable[[dict[str, Figure], int], str]] = field(default_factory=dict)
    targets: Sequence[TargetIndicator] = ()
    assignable: bool = True  # clerks may be given this area to enter
    # who sees the area's page while it has no ledgers yet (afterwards: whoever reads one of its ledgers)
    shown_without_ledgers: frozenset[str] = frozenset({"admin", "clerk", "leader", "county"})

    def __post_init__(self):
        self.app = self.app or self.code
        if self.urls == "":
            self.urls = f"{self.app}.urls"
        if self.stats == "":
            self.stats = f"{self.app}.stats"
        for ledger in self.ledgers:
            ledger.area = self.code
        for section in self.report_sections:
            section.area = self.code

    def urlpatterns(self) -> list:
        """The area's landing page (named by its code) and every ledger's pages."""
        from township.views import area_index

        patterns = [path("", area_index, {"area": self.code}, name=self.code)]
        patterns += [path(f"{ledger.url_segment}/", ledger.urls()) for ledger in self.ledgers]
        return patterns


_AREAS: dict[str, Area] = {}


def register(area: Area) -> Area:
    """Called once by each app's area.py; a second area or ledger of the same name is a mistake."""
    if area.code in _AREAS and _AREAS[area.code] is not area:
        raise ValueError(f"area {area.code!r} is registered twice")
    slugs = {ledger.slug for other in _AREAS.values() if other is not area for ledger in other.ledgers}
    for ledger in area.ledgers:
        if ledger.slug in slugs:
            raise ValueError(f"ledger {ledger.slug!r} is registered by two areas")
    _AREAS[area.code] = area
    return area


def areas() -> list[Area]:
    return sorted(_AREAS.values(), key=lambda area: area.position)


def area(code: str) -> Area:
    return _AREAS[code]


def ledgers() -> dict[str, type[Ledger]]:
    """Every registered ledger by its slug, in navigation order."""
    return {ledger.slug: ledger for registered in areas() for ledger in registered.ledgers}


def ledger(slug: str) -> type[Ledger]:
    return ledgers()[slug]


def ledger_for_model(model) -> type[Ledger] | None:
    for registered in _AREAS.values():
        for candidate in registered.ledgers:
            if candidate.model is model:
                return candidate
    return None


def report_sections() -> list[ReportSubsection]:
    """Part 一's subsections, in their order."""
    return sorted((s for registered in areas() for s in registered.report_sections), key=lambda s: s.position)


def report_section(topic: str) -> ReportSubsection | None:
    return next((s for s in report_sections() if s.topic == topic), None)


def report_additions(topic: str) -> list[Callable[[dict[str, Figure], int], str]]:
    """What other areas add to a subsection of part 一 (e.g. the law exam's sentence closing 一(五))."""
    return [registered.report_additions[topic] for registered in areas() if topic in registered.report_additions]


def topic_choices() -> list[tuple[str, str]]:
    """The choices of a report subsection's topic (a callable, so that a new area needs no migration)."""
    return [(s.topic, s.label) for s in report_sections()]


def target_indicators() -> dict[str, TargetIndicator]:
    return {t.key: t for registered in areas() for t in registered.targets}


def assignable_areas() -> list[Area]:
    """The areas a township admin may give a clerk to enter."""
    return [registered for registered in areas() if registered.assignable]
