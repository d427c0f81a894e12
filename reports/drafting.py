"""The report's text: its default structure, part 一 drafted from the figures, figure placeholders in
prose, and the ``doc`` that templates/reports/_document.html prints (HTML and PDF alike).

Placeholders. Prose that staff write may hold ``{key}`` — e.g. ``{disputes.registered}`` — which
prints as that figure, linked to the ledger filter behind it, in the report's exact or rounded form;
``{key:以上}`` prints the customary "at least" form whatever the report's choice (a rate of 100% as
98%以上, a count of 106 as 100余), never more than the records show. Full-width braces ｛｝ and colon
work too. Anything else in braces is an error the edit form reports.

The report text is Chinese whatever the interface language: it is an official document, so its
strings here are not translated (the edit form's error messages are).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import NoReverseMatch
from django.utils.translation import gettext as _

from reports.models import AnnualReport, ReportSection
from reports.wording import (
    RATE_THRESHOLDS,
    chinese_date,
    chinese_ordinal_heading,
    format_count,
    format_rate,
    to_fullwidth_punctuation,
)
from township import areas
from township.figures import AT_LEAST, Figure, count_of, placeholder  # noqa: F401 - re-exported for the areas' wording

Part = ReportSection.Part

PART_HEADINGS = {
    Part.ACHIEVEMENTS: "推进法治政府建设的主要举措和成效",
    Part.SHORTCOMINGS: "推进法治政府建设存在的不足",
    Part.SUGGESTIONS: "工作建议",
}

#: the subsections of parts 二 and 三 of a new draft (part 一's come from the areas: township.areas)
DEFAULT_SECTIONS = (
    (Part.SHORTCOMINGS, "法治队伍专业能力有待提升"),
    (Part.SHORTCOMINGS, "法治宣传精准性不足"),
    (Part.SHORTCOMINGS, "法治与治理融合深度不够"),
    (Part.SHORTCOMINGS, "资源保障能力有待加强"),
    (Part.SUGGESTIONS, "强化队伍建设，提升专业素养"),
    (Part.SUGGESTIONS, "创新宣传模式，增强普法实效"),
    (Part.SUGGESTIONS, "深化融合赋能，提升治理效能"),
    (Part.SUGGESTIONS, "强化资源保障，夯实工作基础"),
)


def default_sections() -> list[tuple[int, str, str]]:
    """(part, heading, topic) of a new draft: part 一 as the areas declare it, then parts 二 and 三."""
    drafted = [(Part.ACHIEVEMENTS, section.heading, section.topic) for section in areas.report_sections()]
    return drafted + [(part, heading, "") for part, heading in DEFAULT_SECTIONS]


#: printed for a subsection of part 二 or 三 that nobody has written yet (a draft cannot be finalized so)
NOT_WRITTEN = "（本小节尚未填写。）"

#: 成文日期 of a draft: the date is the day the report is finalized, left blank until then (as drafts of
#: official documents leave it)
DATE_TO_BE_SET = "\u3000\u3000年\u3000\u3000月\u3000\u3000日"


def default_opening(township_name: str, year: int) -> str:
    return (
        f"{year}年，{township_name}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
        "全面落实全面依法治国战略部署，以规范权力运行、提升治理效能为核心，扎实推进法治政府建设各项工作。"
        "现将本年度法治政府建设情况报告如下："
    )


def default_closing(township_name: str) -> str:
    return (
        f"下阶段，{township_name}将以问题为导向，狠抓整改落实，持续补短板、强弱项、创特色，不断提升法治政府建设水平，"
        "为全镇经济社会高质量发展提供更加坚实的法治保障。"
    )


def new_report(township, year: int, revision: int = 1) -> tuple[AnnualReport, list[ReportSection]]:
    """A new draft and its subsections, unsaved: the reference structure with default wording."""
    report = AnnualReport(
        township=township, year=year, revision=revision,
        opening=default_opening(township.name, year), closing=default_closing(township.name),
        signature_name=f"{township.name}人民政府",
    )
    sections, position = [], {}
    for part, heading, topic in default_sections():
        position[part] = position.get(part, 0) + 1
        sections.append(
            ReportSection(
                township=township, report=report, part=part, order=position[part], heading=heading, topic=topic
            )
        )
    return report, sections


# --- placeholders --------------------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"[{｛]([^{}｛｝\n]*)[}｝]")


@dataclass(frozen=True)
class Placeholder:
    text: str  # as written, braces included
    key: str
    modifier: str
    start: int
    end: int


def placeholders(text: str) -> list[Placeholder]:
    found = []
    for match in PLACEHOLDER.finditer(text):
        key, _colon, modifier = match.group(1).replace("：", ":").partition(":")
        found.append(Placeholder(match.group(0), key.strip(), modifier.strip(), match.start(), match.end()))
    return found


def placeholder_errors(text: str, known_keys: Iterable[str]) -> list[str]:
    """What is wrong with the placeholders of a prose, in Chinese (empty when all is well)."""
    known = set(known_keys)
    errors = []
    for match in BRACED.finditer(text):
        found = Placeholder(match.group(0), *_key_and_modifier(match.group(1)), match.start(), match.end())
        if not looks_like_placeholder(match.group(1)):
            shown = found.text if len(found.text) <= 40 else found.text[:40] + "…"
            errors.append(
                _("“%(text)s”不是数字占位符：报告正文中的花括号只用来引用数字（如 {disputes.registered}）。"
                  "这段像是复制网页或 Word 时带入的样式代码，请删除花括号及其中内容；需要括号时请改用（）或【】。")
                % {"text": shown}
            )
        elif found.key not in known:
            errors.append(_("未知的数字占位符“%(placeholder)s”：请从右侧“可用数据”中选择。") % {"placeholder": found.text})
        elif found.modifier and found.modifier != AT_LEAST:
            errors.append(
                _("占位符“%(placeholder)s”的格式无效：冒号后只能写“%(modifier)s”。")
                % {"placeholder": found.text, "modifier": AT_LEAST}
            )
    rest = BRACED.sub("", text)
    if any(brace in rest for brace in "{}｛｝"):
        errors.append(_("花括号不配对：数字占位符的写法是 {disputes.registered}。"))
    return errors


BRACED = re.compile(r"[{｛]([^{}｛｝]*)[}｝]")  # any pair of braces, also over several lines


def _key_and_modifier(inside: str) -> tuple[str, str]:
    key, _colon, modifier = inside.replace("：", ":").partition(":")
    return key.strip(), modifier.strip()


def looks_like_placeholder(inside: str) -> bool:
    """{disputes.registered}, {矛盾纠纷} or {x.y:约} are attempts at a figure; CSS such as {margin:0;color:red}
    or {font-size:12pt} is not: declarations, line breaks, hyphens, or an ASCII word with a value after it."""
    if "\n" in inside or ";" in inside or "；" in inside:
        return False
    key, modifier = _key_and_modifier(inside)
    if not re.fullmatch(r"[\w.]+", key):
        return False
    return not (modifier and key.isascii() and "." not in key)


# --- figures as printed --------------------------------------------------------------------------------


def figure_text(figure: Figure, *, rounded: bool, at_least: bool = False) -> str:
    """A figure as the report prints it (reports.wording), never more than the records show."""
    if figure.is_rate:
        denominator = figure.denominator or 0
        numerator = min(figure.numerator or 0, denominator)
        if at_least and denominator and numerator == denominator:
            return f"{RATE_THRESHOLDS[0]}%以上"  # the customary form of a full rate, as in 满意率98%以上
        return format_rate(numerator, denominator, rounded=rounded or at_least)
    return format_count(count_of(figure), figure.unit, rounded=rounded or at_least)


def figure_url(figure: Figure) -> str:
    try:
        return figure.url
    except NoReverseMatch:  # the ledger's pages are not routed (yet): the figure prints without a link
        return ""


def figure_record(figure: Figure) -> dict:
    """What finalizing freezes of a figure (Figure.as_dict), also when its ledger is not routed."""
    try:
        return figure.as_dict()
    except NoReverseMatch:
        return dataclasses.replace(figure, ledger="").as_dict()


def paragraph(text: str, figures: dict[str, Figure], *, rounded: bool):
    """One paragraph for _document.html: a str, or chunks ``{text, href}`` when it holds figures."""
    pieces: list[tuple[str, str | None]] = []
    last = 0
    for found in placeholders(text):
        pieces.append((text[last : found.start], None))
        figure = figures.get(found.key)
        if figure is None:  # a key no app reports any more: printed as written
            pieces.append((found.text, None))
        else:
            printed = figure_text(figure, rounded=rounded, at_least=found.modifier == AT_LEAST)
            pieces.append((printed, figure_url(figure)))
        last = found.end
    pieces.append((text[last:], None))
    whole = "".join(piece for piece, _href in pieces)
    converted = to_fullwidth_punctuation(whole)  # char for char, so every piece keeps its span
    if not any(href is not None for _piece, href in pieces):
        return converted
    chunks, position = [], 0
    for piece, href in pieces:
        chunk = converted[position : position + len(piece)]
        position += len(piece)
        if not chunk:
            continue
        if href is None and chunks and chunks[-1]["href"] is None:
            chunks[-1]["text"] += chunk
        else:
            chunks.append({"text": chunk, "href": href})
    return chunks


# --- part 一, drafted from the figures --------------------------------------------------------------------


def drafted_prose(topic: str, figures_by_app: dict[str, dict[str, Figure]], year: int) -> str:
    """The text part 一 prints for a topic while staff have not written their own: the area's wording
    (township.areas.ReportSubsection.draft, given every figure of the year), or its no-records text."""
    section = areas.report_section(topic)
    if section is None:
        return ""
    if not figures_by_app.get(section.area):
        return section.no_records
    figures = merged(figures_by_app)
    text = section.draft(figures, year)
    if text == section.no_records:
        return text
    sentences = [text.removesuffix("。")]
    sentences += [added for addition in areas.report_additions(topic) if (added := addition(figures, year))]
    if section.closing:
        sentences[-1] += "，" + section.closing
    return "。".join(sentences) + "。"


def section_prose(section: ReportSection, figures_by_app, year: int) -> str:
    if section.prose.strip():
        return section.prose
    if section.part == Part.ACHIEVEMENTS and section.topic and not section.manual:
        return drafted_prose(section.topic, figures_by_app, year)
    return NOT_WRITTEN


# --- the document ------------------------------------------------------------------------------------------


def merged(figures_by_app: dict[str, dict[str, Figure]]) -> dict[str, Figure]:
    return {key: figure for app_figures in figures_by_app.values() for key, figure in app_figures.items()}


def build_document(report: AnnualReport, sections: list[ReportSection], figures_by_app) -> dict:
    """The ``doc`` of _document.html: JSON-serialisable, so that finalizing can freeze it as it is."""
    figures = merged(figures_by_app)
    parts = []
    for part in Part:
        part_sections = [section for section in sections if section.part == part]
        parts.append({
            "heading": chinese_ordinal_heading(part.value, 1) + PART_HEADINGS[part],
            "sections": [
                {
                    "heading": chinese_ordinal_heading(position, 2) + to_fullwidth_punctuation(section.heading),
                    "paragraphs": [
                        paragraph(line.strip(), figures, rounded=report.rounded_figures)
                        for line in section_prose(section, figures_by_app, report.year).splitlines()
                        if line.strip()
                    ],
                }
                for position, section in enumerate(part_sections, start=1)
            ],
        })
    return {
        "title": report.title,
        "opening": to_fullwidth_punctuation(report.opening.strip()),
        "parts": parts,
        "closing": to_fullwidth_punctuation(report.closing.strip()),
        "signature_name": report.signature_name,
        "signature_date": chinese_date(report.signature_date) if report.signature_date else DATE_TO_BE_SET,
    }


# --- is the report finished? (finalize and publish refuse an unfinished one) ---------------------------------


@dataclass(frozen=True)
class Unfinished:
    """A subsection that cannot go into a final report as it stands, and what to do about it."""

    heading: str  # e.g. 一、（二）深化理论武装，提升依法履职能力
    reason: str
    section_id: int | None = None


def no_records_texts() -> list[str]:
    """What each area's drafting says while it has no records (township.areas), as printed."""
    return [to_fullwidth_punctuation(s.no_records.strip()) for s in areas.report_sections() if s.no_records.strip()]


def placeholder_text_in(text: str) -> str:
    """The no-records text or the not-written mark a subsection's text still holds ("" when none)."""
    printed = to_fullwidth_punctuation(text)
    for placeholder_text in [*no_records_texts(), NOT_WRITTEN]:
        if placeholder_text in printed:
            return placeholder_text
    return ""


def unfinished_reason(section: ReportSection, figures_by_app, year: int) -> str:
    """Why a subsection is not ready to be finalized ("" when it is).

    Part 一's subsections need records behind them — their area's figures — or to be marked 人工撰写 and
    written by hand; no subsection may still say that its area has no records, or hold a figure that no
    area reports.
    """
    prose = section.prose.strip()
    drafted_topic = section.part == Part.ACHIEVEMENTS and bool(section.topic) and not section.manual
    if not prose and not drafted_topic:
        return _("已标记为人工撰写，但尚未填写正文。") if section.manual else _("尚未填写。")
    if drafted_topic:
        subsection = areas.report_section(section.topic)
        if subsection is None and not prose:
            return _("尚未填写。")
        if subsection is not None and not figures_by_app.get(subsection.area):
            return _("本领域在平台中还没有台账数据：请录入记录，或勾选“人工撰写”后填写本小节。")
    text = section_prose(section, figures_by_app, year)
    if found := placeholder_text_in(text):
        return _("仍是占位文字“%(text)s”：请录入本年度的记录，或勾选“人工撰写”后填写本小节。") % {"text": found}
    figures = merged(figures_by_app)
    unknown = [p.text for p in placeholders(text) if p.key not in figures]
    if unknown:
        return _("含有没有数据的数字占位符：%(placeholders)s。") % {"placeholders": "、".join(unknown)}
    return ""


def unfinished_sections(sections: list[ReportSection], figures_by_app, year: int) -> list[Unfinished]:
    """Every subsection that keeps the report from being finalized, in the report's order."""
    found, position = [], {}
    for section in sorted(sections, key=lambda s: (s.part, s.order)):
        position[section.part] = position.get(section.part, 0) + 1
        reason = unfinished_reason(section, figures_by_app, year)
        if reason:
            heading = (chinese_ordinal_heading(section.part, 1) + chinese_ordinal_heading(position[section.part], 2)
                       + to_fullwidth_punctuation(section.heading))
            found.append(Unfinished(heading, reason, section.pk))
    return found


def paragraph_text(paragraph) -> str:
    return paragraph if isinstance(paragraph, str) else "".join(chunk["text"] for chunk in paragraph)


def unfinished_in_document(doc: dict) -> list[Unfinished]:
    """The same check on a document as it was frozen (publishing a report finalized before the check)."""
    found = []
    for part in doc.get("parts", []):
        for section in part["sections"]:
            text = "\n".join(paragraph_text(p) for p in section["paragraphs"])
            heading = part["heading"].split("、")[0] + "、" + section["heading"]
            if not text.strip():
                found.append(Unfinished(heading, _("尚未填写。")))
            elif placeholder_found := placeholder_text_in(text):
                found.append(Unfinished(heading, _("仍是占位文字“%(text)s”。") % {"text": placeholder_found}))
            elif unknown := placeholders(text):
                found.append(Unfinished(heading, _("含有没有数据的数字占位符：%(placeholders)s。")
                                        % {"placeholders": "、".join(p.text for p in unknown)}))
    return found
