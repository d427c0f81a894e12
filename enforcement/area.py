"""The enforcement area (report part 一(三)): cases, campaigns, equipment, major decisions. Its ledgers are
not built yet: the report says so until they are."""

from django.utils.translation import gettext_lazy as _

from township.areas import Area, ReportSubsection, register

NO_RECORDS = "本年度尚无行政执法案件、专项执法行动和执法装备的记录。"

AREA = register(Area(
    code="enforcement",
    label=_("行政执法"),
    position=30,
    report_sections=[
        ReportSubsection(
            topic="enforcement", label=_("行政执法"), heading="规范权力运行，提升依法行政水平", position=3,
            draft=lambda figures, year: NO_RECORDS, no_records=NO_RECORDS,
        ),
    ],
))
