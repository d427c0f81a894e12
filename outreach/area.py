"""The outreach area (report part 一(五)): legal education events, online posts, venues. Its ledgers are not
built yet: the report says so until they are."""

from django.utils.translation import gettext_lazy as _

from township.areas import Area, ReportSubsection, TargetIndicator, register

NO_RECORDS = "本年度尚无普法宣传活动的记录。"

AREA = register(Area(
    code="outreach",
    label=_("普法宣传"),
    position=50,
    shown_without_ledgers=frozenset({"admin", "clerk", "village_clerk", "leader", "county"}),
    targets=[
        TargetIndicator("outreach.online_posts", _("线上普法推送"), "期"),  # 每年线上推送内容不少于12期
        TargetIndicator("outreach.demonstration_venues", _("村级法治文化示范阵地"), "个"),  # 打造1-2个
        TargetIndicator("outreach.onsite_services", _("律师、法官下沉服务"), "次"),  # 每年开展下沉服务不少于12次
    ],
    report_sections=[
        ReportSubsection(
            topic="outreach", label=_("普法宣传"), heading="深化普法宣传，营造浓厚法治氛围", position=5,
            draft=lambda figures, year: NO_RECORDS, no_records=NO_RECORDS,
        ),
    ],
))
