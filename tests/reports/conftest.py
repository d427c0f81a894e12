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
