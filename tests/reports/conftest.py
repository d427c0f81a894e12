"""Shared pieces of the reports tests: Django templates without a database, and the reference report.

Under pytest-django the project settings are already loaded. Run without it (``-p no:django``), a
minimal configuration that knows the project's templates is set up here, so these tests need neither
the database nor the other apps.
"""

import datetime
import re
from pathlib import Path

import django
import pytest
from django.conf import settings

from reports.wording import to_fullwidth_punctuation

PROJECT_DIR = Path(__file__).resolve().parents[2]
REFERENCE_REPORT = Path(__file__).with_name("data") / "daxi-2025-report.zh.txt"

if not settings.configured:
    settings.configure(
        INSTALLED_APPS=[],
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [PROJECT_DIR / "templates"],
            }
        ],
        USE_TZ=True,
        TIME_ZONE="Asia/Shanghai",
        LANGUAGE_CODE="zh-hans",
    )
    django.setup()

# figures of part 一 that the sample marks as links to their ledgers (chunks with an href)
SAMPLE_FIGURES = {"111件": "/disputes/?year=2025", "42件": "/disputes/petitions/?year=2025&accepted=1"}


def _paragraph(text: str):
    """A paragraph as the reports app will pass it: a str, or chunks when it holds a linked figure."""
    pattern = "|".join(re.escape(figure) for figure in SAMPLE_FIGURES)
    if not re.search(pattern, text):
        return text
    chunks, last = [], 0
    for match in re.finditer(pattern, text):
        chunks.append({"text": text[last : match.start()], "href": None})
        chunks.append({"text": match.group(), "href": SAMPLE_FIGURES[match.group()]})
        last = match.end()
    chunks.append({"text": text[last:], "href": None})
    return chunks


def reference_document() -> dict:
    """The Daxi 2025 report (reference text, web footer removed) as a ``doc`` context."""
    lines = [
        to_fullwidth_punctuation(line.strip())
        for line in REFERENCE_REPORT.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    doc = {
        "title": "大溪镇2025年法治政府建设情况报告",
        "opening": lines[0],
        "parts": [],
        "closing": lines[-1],
        "signature_name": "大溪镇人民政府",
        "signature_date": datetime.date(2026, 3, 5),
    }
    for line in lines[1:-1]:
        if re.match(r"^[一二三四五六七八九十]+、", line):
            doc["parts"].append({"heading": line, "sections": []})
        elif line.startswith("（"):
            doc["parts"][-1]["sections"].append({"heading": line, "paragraphs": []})
        else:
            doc["parts"][-1]["sections"][-1]["paragraphs"].append(_paragraph(line))
    return doc


@pytest.fixture(scope="session")
def reference_doc() -> dict:
    return reference_document()


# --- fixtures of the reports app's pages (the database is needed from here on) ---------------------------

import types  # noqa: E402

from township.figures import Figure, rate  # noqa: E402

#: what the disputes app's stats report for the demo year (the contract of disputes/stats.py)
DISPUTES_VALUES = {
    "registered": 111, "mediated": 111, "accepted": 42, "closed_on_time": 42, "due": 42, "satisfied": 42,
    "rated": 42, "villages_covered": 6, "villages_total": 6, "consultations": 0, "people_served": 0,
}


def contract_figures(values: dict) -> dict[str, Figure]:
    """Figures shaped as disputes/stats.py returns them; they link to a ledger that exists (villages)."""
    v = values

    def count(key, label, value, unit):
        return Figure(key=key, label=label, value=value, unit=unit, ledger="villages", query={"q": key})

    def share(key, label, numerator, denominator):
        return Figure(key=key, label=label, value=rate(numerator, denominator), unit="%", numerator=numerator,
                      denominator=denominator, ledger="villages", query={"q": key})

    return {
        "disputes.registered": count("disputes.registered", "排查矛盾纠纷", v["registered"], "件"),
        "disputes.mediated": count("disputes.mediated", "成功化解矛盾纠纷", v["mediated"], "件"),
        "disputes.success_rate": share("disputes.success_rate", "矛盾纠纷化解率", v["mediated"], v["registered"]),
        "petitions.accepted": count("petitions.accepted", "受理信访事项", v["accepted"], "件"),
        "petitions.closed_on_time": count("petitions.closed_on_time", "按期办结信访事项", v["closed_on_time"], "件"),
        "petitions.on_time_rate": share("petitions.on_time_rate", "信访按期办结率", v["closed_on_time"], v["due"]),
        "petitions.satisfaction_rate": share("petitions.satisfaction_rate", "群众满意率", v["satisfied"], v["rated"]),
        "advisers.villages_covered": count("advisers.villages_covered", "配备法律顾问的村（社区）",
                                           v["villages_covered"], "个"),
        "advisers.villages_total": count("advisers.villages_total", "村（社区）总数", v["villages_total"], "个"),
        "consultations.count": count("consultations.count", "法律咨询", v["consultations"], "次"),
        "consultations.people_served": count("consultations.people_served", "咨询服务群众", v["people_served"], "人次"),
    }


@pytest.fixture
def contract_stats(monkeypatch):
    """A stand-in for disputes/stats.py, following its contract, for tests of the reports app's own logic.

    Returns the dict of values (per year: ``values[year]``, default the demo year's); change it to change
    what the "records" say. The other areas have no stats.
    """
    from reports import sources

    values: dict = {}

    def values_for(year):
        return values.get(year, DISPUTES_VALUES if year == 2025 else dict.fromkeys(DISPUTES_VALUES, 0))

    module = types.SimpleNamespace(
        figures=lambda township, year: contract_figures(values_for(year)),
        monthly=lambda township, year: {
            "disputes.registered": [values_for(year)["registered"] // 12] * 12,
            "petitions.accepted": [values_for(year)["accepted"] // 12] * 12,
        },
        by_village=lambda township, year: [{"village": "第一村", "disputes": 3, "mediated": 3, "petitions": 1}],
        alerts=lambda township, today: [
            {"kind": "petition", "label": "信访事项 X2025-001", "due": today, "status": "due_soon", "url": "/core/"},
            {"kind": "dispute", "label": "纠纷 T2025-002", "due": today, "status": "overdue", "url": ""},
        ],
    )
    monkeypatch.setattr(sources, "stats_module", lambda app: module if app == "disputes" else None)
    return values
