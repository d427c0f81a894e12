"""The governance area (report parts 一(一) and 一(二)): leadership and responsibility; study, training and
enforcement certificates. Its ledgers are not built yet: the report says so until they are."""

from django.utils.translation import gettext_lazy as _

from township.areas import Area, ReportSubsection, TargetIndicator, register

LEADERSHIP_NO_RECORDS = "本年度尚无重点任务、党委专题会议等组织领导工作的记录。"
STUDY_NO_RECORDS = "本年度尚无学法、培训和行政执法资格认证的记录。"

AREA = register(Area(
    code="governance",
    label=_("组织领导与学法"),
    position=10,
    targets=[
        TargetIndicator("governance.trainings", _("法治专题培训"), "次"),  # 每年组织专题培训不少于8次
        TargetIndicator("governance.legal_professionals_added", _("新增法律专业人才"), "名"),  # 引进1-2名专业法律人才
    ],
    report_sections=[
        ReportSubsection(
            topic="leadership", label=_("组织领导与责任落实"), heading="强化组织保障，压实法治建设责任", position=1,
            draft=lambda figures, year: LEADERSHIP_NO_RECORDS, no_records=LEADERSHIP_NO_RECORDS,
        ),
        ReportSubsection(
            topic="study", label=_("学法培训与执法资格"), heading="深化理论武装，提升依法履职能力", position=2,
            draft=lambda figures, year: STUDY_NO_RECORDS, no_records=STUDY_NO_RECORDS,
        ),
    ],
))
