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
from township.figures import Figure

Part = ReportSection.Part
Topic = ReportSection.Topic

PART_HEADINGS = {
    Part.ACHIEVEMENTS: "推进法治政府建设的主要举措和成效",
    Part.SHORTCOMINGS: "推进法治政府建设存在的不足",
    Part.SUGGESTIONS: "工作建议",
}

#: the subsections of a new draft: (part, heading, topic), headings from the reference report
DEFAULT_SECTIONS = (
    (Part.ACHIEVEMENTS, "强化组织保障，压实法治建设责任", Topic.LEADERSHIP),
    (Part.ACHIEVEMENTS, "深化理论武装，提升依法履职能力", Topic.STUDY),
    (Part.ACHIEVEMENTS, "规范权力运行，提升依法行政水平", Topic.ENFORCEMENT),
    (Part.ACHIEVEMENTS, "创新治理模式，筑牢矛盾化解防线", Topic.DISPUTES),
    (Part.ACHIEVEMENTS, "深化普法宣传，营造浓厚法治氛围", Topic.OUTREACH),
    (Part.SHORTCOMINGS, "法治队伍专业能力有待提升", ""),
    (Part.SHORTCOMINGS, "法治宣传精准性不足", ""),
    (Part.SHORTCOMINGS, "法治与治理融合深度不够", ""),
    (Part.SHORTCOMINGS, "资源保障能力有待加强", ""),
    (Part.SUGGESTIONS, "强化队伍建设，提升专业素养", ""),
    (Part.SUGGESTIONS, "创新宣传模式，增强普法实效", ""),
    (Part.SUGGESTIONS, "深化融合赋能，提升治理效能", ""),
    (Part.SUGGESTIONS, "强化资源保障，夯实工作基础", ""),
)

#: the app whose stats draft each topic of part 一
TOPIC_APPS = {
    Topic.LEADERSHIP: "governance",
    Topic.STUDY: "governance",
    Topic.ENFORCEMENT: "enforcement",
    Topic.DISPUTES: "disputes",
    Topic.OUTREACH: "outreach",
}

#: what part 一 says while an area has no records (or no ledgers yet)
NO_RECORDS = {
    Topic.LEADERSHIP: "本年度尚无重点任务、党委专题会议等组织领导工作的记录。",
    Topic.STUDY: "本年度尚无学法、培训和行政执法资格认证的记录。",
    Topic.ENFORCEMENT: "本年度尚无行政执法案件、专项执法行动和执法装备的记录。",
    Topic.DISPUTES: "本年度尚无矛盾纠纷、信访事项和法律顾问的记录。",
    Topic.OUTREACH: "本年度尚无普法宣传活动的记录。",
}

#: printed for a subsection of part 二 or 三 that nobody has written yet (a draft cannot be finalized so)
NOT_WRITTEN = "（本小节尚未填写。）"


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
    for part, heading, topic in DEFAULT_SECTIONS:
        position[part] = position.get(part, 0) + 1
        sections.append(
            ReportSection(
                township=township, report=report, part=part, order=position[part], heading=heading, topic=topic
            )
        )
    return report, sections


# --- placeholders --------------------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"[{｛]([^{}｛｝\n]*)[}｝]")
AT_LEAST = "以上"


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


def placeholder(figure: Figure, unit: str = "", *, at_least: bool = False) -> str:
    """The placeholder of a figure in drafted prose, followed by ``unit`` when the figure has none."""
    suffix = f":{AT_LEAST}" if at_least else ""
    return f"{{{figure.key}{suffix}}}" + ("" if figure.unit or figure.is_rate else unit)


# --- figures as printed --------------------------------------------------------------------------------


def count_of(figure: Figure | None) -> int:
    return int(figure.value or 0) if figure is not None else 0


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


def draft_disputes(figures: dict[str, Figure], year: int) -> str:
    """Part 一(四) in the reference wording, with placeholders for every figure."""
    get = figures.get
    first, second = [], []
    covered, total = get("advisers.villages_covered"), get("advisers.villages_total")
    if count_of(total) and count_of(covered):  # no adviser under contract: nothing to say about coverage
        if count_of(covered) >= count_of(total):
            first.append(
                f"推行“村（社区）法律顾问+法律明白人”联动模式，全镇{placeholder(total, '个')}村（社区）"
                "实现“一村一法律顾问”全覆盖"
            )
        else:
            first.append(
                f"推行“村（社区）法律顾问+法律明白人”联动模式，全镇{placeholder(total, '个')}村（社区）中"
                f"已有{placeholder(covered, '个')}配备法律顾问"
            )
    consultations = get("consultations.count")
    if count_of(consultations):
        clause = f"法律顾问全年为群众提供法律咨询{placeholder(consultations, '次')}"
        people = get("consultations.people_served")
        if count_of(people):
            clause += f"，服务群众{placeholder(people, '人次')}"
        first.append(clause)

    registered, accepted = get("disputes.registered"), get("petitions.accepted")
    if count_of(registered):
        clause = f"{year}年共排查各类矛盾纠纷{placeholder(registered, '件')}"
        if (mediated := get("disputes.mediated")) is not None:
            clause += f"，成功化解{placeholder(mediated, '件')}"
        if (rate := get("disputes.success_rate")) is not None and rate.denominator:
            clause += f"，化解率达{placeholder(rate)}"
        second.append(clause)
    elif registered is not None:
        second.append(f"{year}年未登记矛盾纠纷")
    if count_of(accepted):
        clause = f"受理信访事项{placeholder(accepted, '件')}"
        if (on_time := get("petitions.on_time_rate")) is not None and on_time.denominator:
            clause += f"，按期办结率{placeholder(on_time)}"
        if (satisfaction := get("petitions.satisfaction_rate")) is not None and satisfaction.denominator:
            clause += f"，群众满意率{placeholder(satisfaction, at_least=True)}"
        second.append(clause)
    elif accepted is not None:
        second.append("未受理信访事项")

    if not first and not any(count_of(get(key)) for key in ("disputes.registered", "petitions.accepted")):
        return NO_RECORDS[Topic.DISPUTES]
    sentences = []
    if first:
        sentences.append("，".join(first) + "。")
    if second:
        sentences.append("；".join(second) + "。")
    return "".join(sentences)


def draft_generic(figures: dict[str, Figure]) -> str:
    """An area whose own wording is not written yet: its figures, one after another."""
    return "；".join(f"{figure.label}{placeholder(figure)}" for figure in figures.values()) + "。"


#: topics with their own wording; the others fall back to draft_generic once their app has figures
DRAFTERS = {Topic.DISPUTES: draft_disputes}


def drafted_prose(topic: str, figures_by_app: dict[str, dict[str, Figure]], year: int) -> str:
    """The text part 一 prints for a topic while staff have not written their own."""
    app_figures = figures_by_app.get(TOPIC_APPS.get(topic, ""))
    if not app_figures:
        return NO_RECORDS.get(topic, "")
    drafter = DRAFTERS.get(topic)
    return drafter(app_figures, year) if drafter else draft_generic(app_figures)


def section_prose(section: ReportSection, figures_by_app, year: int) -> str:
    if section.prose.strip():
        return section.prose
    if section.part == Part.ACHIEVEMENTS and section.topic:
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
        "signature_date": chinese_date(report.signature_date) if report.signature_date else "",
    }


def unwritten_sections(sections: list[ReportSection]) -> list[ReportSection]:
    """Subsections of parts 二 and 三 nobody has written (part 一 has its drafted text)."""
    return [s for s in sections if not s.prose.strip() and not (s.part == Part.ACHIEVEMENTS and s.topic)]
