"""The year's figures of report part 一(四) for a township (../shared/reference/figures.md rows 18, 20-24).

Plain data for reports and dashboards: each Figure carries how it is computed and the ledger filter
that lists its records. Every function aggregates in the database: the number of queries does not
depend on the number of records.
"""

import datetime
import functools
import operator

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from disputes import rules
from disputes.models import (
    CLOSING_DUE,
    CLOSING_ON_TIME,
    Consultation,
    Dispute,
    LegalAdviser,
    Petition,
    closing_q,
    contracts_in,
    dispute_deadline_alert_qs,
    petition_deadline_alert_qs,
)
from township import areas
from township.figures import Figure, rate
from township.ledger.alerts import DUE_SOON, OVERDUE
from township.ledger.stats import detail_url, per_township
from township.ledger.stats import township_ids as ids_of
from township.models import Village
from township.workdays import DUE_SOON_DAYS, WorkCalendar

SUCCEEDED = Q(status=rules.DISPUTE_SUCCEEDED)
SATISFIED = Q(satisfaction__in=[rules.SATISFIED, rules.FAIRLY_SATISFIED])
RATED = ~Q(satisfaction="")

ON_TIME_DEFINITION = _(
    "按期办结率＝按期办结件数÷应办结件数。应办结件数：%(year)s年受理（受理情况为“受理”、受理日期在%(year)s年内）"
    "的信访事项中，截至%(today)s已办结或办理期限已届满的件数；按期办结：办结日期不晚于办理期限。办理期限为受理之日起"
    "60日，经本机关负责人批准并告知信访人延期的，另加延期天数（不超过30日）（《信访工作条例》第三十四条）；期限的最后一日"
    "是法定休假日的，以法定休假日结束的次日为期限的最后一日（《民法典》第二百零三条）。"
)


def _figure_counts(township_ids: list[int], year: int, today: datetime.date) -> dict[int, dict[str, dict]]:
    """What the figures are made of, per township: four grouped queries whatever the number of townships."""
    advisers = LegalAdviser.objects.filter(contracts_in(year), township=OuterRef("township"), villages=OuterRef("pk"))
    parts = {
        "disputes": per_township(
            Dispute.objects.filter(registered_on__year=year), township_ids,
            registered=Count("id"), mediated=Count("id", filter=SUCCEEDED),
        ),
        "petitions": per_township(
            Petition.objects.accepted_in(year), township_ids,
            accepted=Count("id"),
            due=Count("id", filter=closing_q(CLOSING_DUE, today)),
            on_time=Count("id", filter=closing_q(CLOSING_ON_TIME, today)),
            rated=Count("id", filter=RATED),
            satisfied=Count("id", filter=SATISFIED),
        ),
        "villages": per_township(
            Village.objects.all(), township_ids, total=Count("id"), covered=Count("id", filter=Q(Exists(advisers)))
        ),
        "consultations": per_township(
            Consultation.objects.filter(date__year=year), township_ids,
            count=Count("id"), people=Coalesce(Sum("people_served"), 0),
        ),
    }
    return {pk: {name: part[pk] for name, part in parts.items()} for pk in township_ids}


def figures(township, year: int, *, today: datetime.date | None = None) -> dict[str, Figure]:
    """Disputes registered and mediated, petitions accepted and closed on time, satisfaction, advisers, consultations."""
    return figures_for_townships([township], year, today=today)[township.pk]


def figures_for_townships(townships, year: int, *, today: datetime.date | None = None) -> dict[int, dict[str, Figure]]:
    """figures() of every township, ``{township_id: {key: Figure}}``, in the same four queries as one township's."""
    today = today or timezone.localdate()
    township_ids = ids_of(townships)
    return {pk: _figures_of(counts, year, today) for pk, counts in _figure_counts(township_ids, year, today).items()}


def _figures_of(counts: dict[str, dict], year: int, today: datetime.date) -> dict[str, Figure]:
    """One township's Figures from its counts (_figure_counts)."""
    disputes, petitions = counts["disputes"], counts["petitions"]
    villages, consultations = counts["villages"], counts["consultations"]
    in_year = {"year": year}
    accepted_query = {**in_year, "accepted_year": year}

    def count(key, label, value, unit, definition, ledger, query):
        return Figure(key=key, label=label, value=value, unit=unit, definition=definition, ledger=ledger, query=query)

    def percentage(key, label, numerator, denominator, definition, ledger, query):
        return Figure(key=key, label=label, value=rate(numerator, denominator), unit="%", numerator=numerator,
                      denominator=denominator, definition=definition, ledger=ledger, query=query)

    result = [
        count("disputes.registered", _("排查矛盾纠纷"), disputes["registered"], _("件"),
              _("排查（受理）日期在%(year)s年内的矛盾纠纷件数。") % in_year, "disputes", in_year),
        count("disputes.mediated", _("成功化解矛盾纠纷"), disputes["mediated"], _("件"),
              _("%(year)s年排查的矛盾纠纷中，调解结果为“调解成功”的件数。") % in_year,
              "disputes", {**in_year, "status": rules.DISPUTE_SUCCEEDED}),
        percentage("disputes.success_rate", _("矛盾纠纷化解率"), disputes["mediated"], disputes["registered"],
                   _("化解率＝调解成功件数÷%(year)s年排查的矛盾纠纷件数。") % in_year, "disputes", in_year),
        count("petitions.accepted", _("受理信访事项"), petitions["accepted"], _("件"),
              _("受理情况为“受理”、受理日期在%(year)s年内的信访事项件数。") % in_year, "petitions", accepted_query),
        count("petitions.closed_on_time", _("按期办结信访事项"), petitions["on_time"], _("件"),
              _("%(year)s年受理的信访事项中，办结日期不晚于办理期限（受理之日起60日，经批准延期的另加不超过30日，"
                "《信访工作条例》第三十四条；最后一日是法定休假日的，顺延至休假日结束的次日，《民法典》第二百零三条）的件数。")
              % in_year,
              "petitions", {**accepted_query, "closing": CLOSING_ON_TIME}),
        percentage("petitions.on_time_rate", _("信访事项按期办结率"), petitions["on_time"], petitions["due"],
                   ON_TIME_DEFINITION % {"year": year, "today": f"{today:%Y-%m-%d}"},
                   "petitions", {**accepted_query, "closing": CLOSING_DUE}),
        percentage("petitions.satisfaction_rate", _("信访群众满意率"), petitions["satisfied"], petitions["rated"],
                   _("满意率＝满意度为“满意”或“基本满意”的件数÷有满意度评价的件数（%(year)s年受理的信访事项）。") % in_year,
                   "petitions", {**accepted_query, "satisfaction": "rated"}),
        count("advisers.villages_covered", _("有法律顾问的村（社区）"), villages["covered"], _("个"),
              _("法律顾问合同期与%(year)s年有交集、且服务范围包括该村（社区）的村（社区）个数。") % in_year,
              "advisers", in_year),
        count("advisers.villages_total", _("村（社区）总数"), villages["total"], _("个"),
              _("本镇的村（社区）个数。"), "villages", {}),
        count("consultations.count", _("法律咨询"), consultations["count"], _("次"),
              _("日期在%(year)s年内的法律咨询记录条数。") % in_year, "consultations", in_year),
        count("consultations.people_served", _("法律咨询服务群众"), consultations["people"], _("人次"),
              _("%(year)s年法律咨询记录的服务人次之和。") % in_year, "consultations", in_year),
    ]
    return {figure.key: figure for figure in result}


def monthly(township, year: int) -> dict[str, list[int]]:
    """Disputes registered and petitions accepted in each month of the year (12 values each)."""
    disputes = (Dispute.objects.filter(township=township, registered_on__year=year)
                .annotate(month=ExtractMonth("registered_on")).values("month").annotate(n=Count("id")))
    petitions = (Petition.objects.filter(township=township).accepted_in(year)
                 .annotate(month=ExtractMonth("accepted_on")).values("month").annotate(n=Count("id")))
    result = {}
    for key, rows in (("disputes.registered", disputes), ("petitions.accepted", petitions)):
        values = [0] * 12
        for row in rows:
            values[row["month"] - 1] = row["n"]
        result[key] = values
    return result


def by_village(township, year: int) -> list[dict]:
    """Per village: disputes registered, mediated successfully, petitions accepted in the year."""
    disputes = {
        row["village_id"]: row
        for row in Dispute.objects.filter(township=township, registered_on__year=year)
        .values("village_id").annotate(disputes=Count("id"), mediated=Count("id", filter=SUCCEEDED))
    }
    petitions = {
        row["village_id"]: row["petitions"]
        for row in Petition.objects.filter(township=township).accepted_in(year)
        .values("village_id").annotate(petitions=Count("id"))
    }
    rows = []
    for village_id, name in Village.objects.filter(township=township).order_by("id").values_list("id", "name"):
        found = disputes.get(village_id, {})
        rows.append({"village_id": village_id, "village": name, "disputes": found.get("disputes", 0),
                     "mediated": found.get("mediated", 0), "petitions": petitions.get(village_id, 0)})
    if petitions.get(None):  # petitions from outside the township's villages, or without one recorded
        rows.append({"village_id": None, "village": _("未填写村（社区）"), "disputes": 0, "mediated": 0,
                     "petitions": petitions[None]})
    return rows


#: the alerts the dashboards count (an app's other notices, such as defects, stay on its ledgers)
ALERT_STATUSES = (OVERDUE, DUE_SOON)


def _deadline_sources():
    """(kind, label, ledger, model, deadline_qs) of the records whose statutory deadlines raise alerts;
    deadline_qs(status, today) gives one Q per deadline of the record (disputes.models)."""
    return (
        ("petition", _("信访事项"), "petitions", Petition, petition_deadline_alert_qs),
        ("dispute", _("矛盾纠纷"), "disputes", Dispute, dispute_deadline_alert_qs),
    )


def _alerting(model, deadline_qs, today: datetime.date):
    """The records with a deadline past or within 7 days: what alerts() lists and alert_counts() counts.

    Past or due within DUE_SOON_DAYS today is exactly past on the day after that window (due < today + 8),
    so this asks for one Q per deadline rather than an OR of the overdue and the due-soon ones: the
    indexes serve it, where the longer OR makes the database read every record of the townships.
    """
    horizon = today + datetime.timedelta(days=DUE_SOON_DAYS + 1)
    return model.objects.filter(functools.reduce(operator.or_, deadline_qs(OVERDUE, horizon)))


def _of_year(records, ledger: str, year: int | None):
    """The records of a year's ledger (as its list shows them), or all when no year is asked."""
    return areas.ledger(ledger).in_year(records, year) if year is not None else records


def alerts(township, today: datetime.date | None = None, year: int | None = None) -> list[dict]:
    """Open petitions and disputes (of the year's ledgers, when a year is given) whose statutory deadline is
    past or within 7 days, soonest first."""
    today = today or timezone.localdate()
    calendar = WorkCalendar.from_database()  # one query, whichever records alert
    found = []
    for kind, kind_label, ledger, model, deadline_qs in _deadline_sources():
        records = _of_year(_alerting(model, deadline_qs, today), ledger, year)
        records = records.filter(township=township).select_related("village")
        for record in records:
            for alert in record.alerts(today, calendar):
                if alert.deadline is None:
                    continue
                found.append({
                    "kind": kind, "kind_label": kind_label, "label": str(record), "rule": alert.deadline.rule,
                    "article": alert.deadline.article, "due": alert.deadline.due, "status": alert.kind,
                    "status_label": alert.label, "village": record.village.name if record.village else "",
                    "url": detail_url(ledger, record.pk),
                })
    found.sort(key=lambda item: (item["due"], item["label"]))
    return found


def alert_counts(townships, today: datetime.date | None = None, year: int | None = None) -> dict[int, dict[str, int]]:
    """How many of alerts() are overdue and due soon, ``{township_id: {"overdue": n, "due_soon": n}}``: one
    grouped query per kind of record whatever the number of townships (each deadline in the state counts once,
    as it gives one alert)."""
    today = today or timezone.localdate()
    township_ids = ids_of(townships)
    result = {pk: dict.fromkeys(ALERT_STATUSES, 0) for pk in township_ids}
    for _kind, _label, ledger, model, deadline_qs in _deadline_sources():
        counts = {
            status: functools.reduce(operator.add, [Count("id", filter=q) for q in deadline_qs(status, today)])
            for status in ALERT_STATUSES
        }
        records = _of_year(_alerting(model, deadline_qs, today), ledger, year)
        for pk, found in per_township(records, township_ids, **counts).items():
            for status in ALERT_STATUSES:
                result[pk][status] += found[status]
    return result
