"""Parts 一(一) and 一(二) drafted in the reference's wording from the figures, a clause only where records say so;
the law exam's sentence that closes 一(五); a subsection without records says so plainly."""

import dataclasses
from decimal import Decimal

from governance.area import (
    CERTIFIED_ACTIONS_KEY,
    LEADERSHIP_NO_RECORDS,
    STUDY_NO_RECORDS,
    draft_law_exam,
    draft_leadership,
    draft_study,
)
from reports import drafting
from township.figures import Figure, rate

COUNTS = {  # Daxi 2025, as the reference report prints it
    "key_tasks": (6, "项"), "party_sessions": (4, "次"), "reports_heard": (6, "次"), "leading_group_members": (11, "人"),
    "principal_law_reports": (2, "次"), "first_agenda": (3, "次"), "online_studies": (2, "次"), "seminars": (3, "次"),
    "expert_lectures": (2, "场"), "trainings": (2, "次"), "training_person_times": (106, "人次"),
    "certification_trainees": (5, "名"), "certificates_issued": (3, "人"), "certified_officers": (7, "人"),
}
RATES = {"study_coverage": (33, 33), "exam_participation_rate": (21, 21), "exam_pass_rate": (21, 21)}


def make(counts=None, rates=None, *, solved=5, categories=("法治宣传", "执法保障", "制度建设"),
         laws=("宪法", "民法典", "行政处罚法")) -> dict[str, Figure]:
    figures = {}
    for name, (value, unit) in {**COUNTS, **(counts or {})}.items():
        figures[f"governance.{name}"] = Figure(key=f"governance.{name}", label=name, value=value, unit=unit)
    for name, (numerator, denominator) in {**RATES, **(rates or {})}.items():
        figures[f"governance.{name}"] = Figure(key=f"governance.{name}", label=name, value=rate(numerator, denominator),
                                               unit="%", numerator=numerator, denominator=denominator)
    figures["governance.problems_solved"] = Figure(key="governance.problems_solved", label="", value=solved,
                                                        unit="个", names=categories)
    figures["governance.study_sessions"] = Figure(key="governance.study_sessions", label="", value=15, unit="次",
                                                       names=laws)
    return figures


def printed(text: str, figures, *, rounded=False) -> str:
    paragraph = drafting.paragraph(text, figures, rounded=rounded)
    return paragraph if isinstance(paragraph, str) else "".join(chunk["text"] for chunk in paragraph)


def test_part_one_one_is_drafted_in_the_reference_wording():
    figures = make()
    text = printed(draft_leadership(figures, 2025), figures)
    assert text == (
        "严格落实党政主要负责人推进法治建设第一责任人职责，调整充实镇法治政府建设工作领导小组，明确6项重点任务清单，"
        "实行项目化推进、清单化管理。全年召开党委专题会议研究法治建设工作4次，听取工作汇报6次，解决法治宣传、执法保障等"
        "关键问题5个。"
    )


def test_part_one_two_is_drafted_in_the_reference_wording_exact_or_rounded():
    figures = make()
    text = printed(draft_study(figures, 2025), figures)
    assert text == (
        "把学习贯彻习近平法治思想作为首要政治任务，严格落实“第一议题”制度，组织专题研讨3次、专家讲座2场。"
        "通过线上学习平台等载体，组织党员干部系统学习《宪法》《民法典》《行政处罚法》等法律法规，全年开展法治专题培训2次，"
        "覆盖干部职工106人次，实现党员干部学法全覆盖。强化执法队伍建设，组织5名干部参加行政执法资格认证培训，"
        "新增持证执法人员3人，现有持证执法人员达7人。"
    )
    assert "覆盖干部职工100余人次" in printed(draft_study(figures, 2025), figures, rounded=True)


def test_every_figure_of_the_drafts_is_a_placeholder_linked_to_its_ledger():
    figures = make()
    keys = [found.key for found in drafting.placeholders(draft_leadership(figures, 2025) + draft_study(figures, 2025))]
    assert keys == ["governance.key_tasks", "governance.party_sessions", "governance.reports_heard",
                    "governance.problems_solved", "governance.seminars", "governance.expert_lectures",
                    "governance.trainings", "governance.training_person_times", "governance.certification_trainees",
                    "governance.certificates_issued", "governance.certified_officers"]


def test_the_enforcement_areas_full_certified_rate_ends_part_one_two_as_the_reference_does():
    figures = make()
    figures[CERTIFIED_ACTIONS_KEY] = Figure(key=CERTIFIED_ACTIONS_KEY, label="", value=Decimal(100), unit="%",
                                            numerator=12, denominator=12)
    assert printed(draft_study(figures, 2025), figures).endswith("现有持证执法人员达7人，全部实现持证上岗、亮证执法。")
    figures[CERTIFIED_ACTIONS_KEY] = dataclasses.replace(figures[CERTIFIED_ACTIONS_KEY], numerator=11)
    assert "持证上岗" not in draft_study(figures, 2025)


def test_a_coverage_short_of_everyone_is_not_called_full():
    figures = make(rates={"study_coverage": (30, 33)})
    text = printed(draft_study(figures, 2025), figures)
    assert "全覆盖" not in text and "党员干部学法覆盖率达90.9%" in text


def test_clauses_without_records_are_left_out():
    figures = make({"principal_law_reports": (0, "次"), "leading_group_members": (0, "人"), "reports_heard": (0, "次"),
                    "first_agenda": (0, "次"), "online_studies": (0, "次"), "seminars": (0, "次"),
                    "certificates_issued": (0, "人")}, categories=(), laws=())
    leadership = printed(draft_leadership(figures, 2025), figures)
    assert leadership == ("明确6项重点任务清单，实行项目化推进、清单化管理。全年召开党委专题会议研究法治建设工作4次，"
                          "解决关键问题5个。")
    study = printed(draft_study(figures, 2025), figures)
    assert study.startswith("组织专家讲座2场。全年开展法治专题培训2次")
    assert "新增持证执法人员" not in study and "第一议题" not in study and "法律法规" not in study


def test_a_year_without_records_says_so_plainly():
    zero = make({name: (0, unit) for name, (_value, unit) in COUNTS.items()},
                dict.fromkeys(RATES, (0, 0)), solved=0, categories=(), laws=())
    assert draft_leadership(zero, 2031) == LEADERSHIP_NO_RECORDS
    assert draft_study(zero, 2031) == STUDY_NO_RECORDS
    assert draft_law_exam(zero, 2031) == ""
    for topic, text in (("leadership", LEADERSHIP_NO_RECORDS), ("study", STUDY_NO_RECORDS)):
        assert drafting.drafted_prose(topic, {"governance": zero}, 2031) == text
        assert drafting.drafted_prose(topic, {}, 2031) == text  # no stats at all


def test_the_law_exam_sentence_that_closes_part_one_five():
    figures = make()
    assert printed(draft_law_exam(figures, 2025), figures) == "组织全镇干部职工参加年度学法考法，参与率与通过率均达100%"
    figures = make(rates={"exam_participation_rate": (20, 21), "exam_pass_rate": (19, 20)})
    assert printed(draft_law_exam(figures, 2025), figures) == (
        "组织全镇干部职工参加年度学法考法，参与率达95.2%，通过率达95%")
