"""What the dashboards show, composed from every app's stats (reports.sources) and the targets.

Plain data for the templates: the year's figures beside last year's and beside the targets, deadline
alerts, the per-village breakdown, monthly trend charts (SVG, reports.charts), and for county viewers
one row per township. The number of queries does not depend on the number of records.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Min, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reports import deadlines, sources
from reports.charts import comparison_bars, monthly_bar_chart, monthly_rows_chart, progress_bar
from reports.drafting import figure_text, figure_url
from reports.models import AnnualReport, Target
from township import areas
from township.cache import cached
from township.figures import Figure, rate


def key_figures() -> list[str]:
    """The figures a county viewer compares across townships, in the areas' order (township.areas)."""
    return [key for area in areas.areas() for key in area.key_figures]


def village_columns() -> dict[str, str]:
    """Column names of the per-village breakdown (sources.by_village); others print as they come."""
    return {column: label for area in areas.areas() for column, label in area.village_columns.items()}


ALERT_STATUSES = {"overdue": ("danger", gettext_lazy("已逾期")), "due_soon": ("warning", gettext_lazy("7日内到期"))}


def printed(figure: Figure | None) -> str:
    return figure_text(figure, rounded=False) if figure is not None else "—"


def numeric(figure: Figure | None) -> Decimal | None:
    """A figure's value as a number to compare with a target (None when it has none)."""
    if figure is None or figure.value is None:
        return None
    return Decimal(figure.value)


def targets_for(township_ids, year: int) -> dict[int, list[Target]]:
    """The year's targets per township: set directly, or by the latest revision of a report (one query)."""
    latest_revision = (
        AnnualReport.objects.filter(
            township=OuterRef("source_section__report__township"), year=OuterRef("source_section__report__year")
        )
        .order_by("-revision")
        .values("revision")[:1]
    )
    targets = Target.objects.filter(township_id__in=list(township_ids), year=year).filter(
        Q(source_section__isnull=True) | Q(source_section__report__revision=Subquery(latest_revision))
    )
    found: dict[int, list[Target]] = {}
    for target in targets.order_by("id"):
        found.setdefault(target.township_id, []).append(target)
    return found


def latest_reports(township_ids, year: int) -> dict[int, AnnualReport]:
    """The latest revision of each township's report for the year (one query)."""
    found: dict[int, AnnualReport] = {}
    queryset = AnnualReport.objects.filter(township_id__in=list(township_ids), year=year).defer(
        "frozen_figures", "frozen_document", "opening", "closing"
    )
    for report in queryset.order_by("township_id", "-revision"):
        found.setdefault(report.township_id, report)
    return found


def target_status(target: Target, figure: Figure | None) -> str:
    """reached / behind, or none while there is no figure to measure the target by."""
    value = numeric(figure)
    if value is None:
        return "none"
    return "reached" if target.reached(value) else "behind"


def target_row(target: Target, figure: Figure | None) -> dict:
    """A target on the dashboard: its figure as printed and, for an "at least" target, a progress bar."""
    status = target_status(target, figure)
    bar = None
    if status != "none" and target.comparison == Target.Comparison.AT_LEAST:
        label = f"{target.label}（%）" if figure.is_rate else target.label
        bar = progress_bar(float(numeric(figure)), float(target.value), label=label)
    return {"target": target, "figure": figure, "printed": printed(figure) if figure else _("暂无记录"),
            "status": status, "bar": bar}


def change_text(figure: Figure, before: Figure | None) -> tuple[Decimal | int | None, str]:
    """The change against last year, as a number and as printed: "+3" for counts, "+2.1个百分点" for rates
    (a rate's change is in percentage points); (None, "—") when either year has no value."""
    if before is None or figure.value is None or before.value is None:
        return None, "—"
    if figure.is_rate:
        change = (Decimal(figure.value) - Decimal(before.value)).quantize(Decimal("0.1"))
        number = format(change.normalize(), "f") if change else "0"
        sign = "+" if change > 0 else ""
        return change, _("%(change)s个百分点") % {"change": f"{sign}{number}"}
    change = int(figure.value or 0) - int(before.value or 0)
    return change, f"+{change}" if change > 0 else str(change)


def figure_rows(this_year: dict[str, Figure], last_year: dict[str, Figure], targets: list[Target]) -> list[dict]:
    by_indicator = {target.indicator: target for target in targets}
    rows = []
    for key, figure in this_year.items():
        before = last_year.get(key)
        change, change_printed = change_text(figure, before)
        target = by_indicator.get(key)
        rows.append({
            "figure": figure, "printed": printed(figure), "url": figure_url(figure),
            "last": printed(before), "change": change, "change_printed": change_printed, "target": target,
            "target_status": target_status(target, figure) if target else "none",
        })
    return rows


def figure_tiles(rows: list[dict]) -> list[dict]:
    """The key figures (township.areas key_figures) as the dashboard's first tiles, in the areas' order."""
    by_key = {row["figure"].key: row for row in rows}
    return [by_key[key] for key in key_figures() if key in by_key]


def monthly_charts(township, year: int, labels: dict[str, str]) -> list[dict]:
    """Each monthly trend twice: bars across a wide screen, and rows down a phone's (the page shows one)."""
    this_year, last_year = sources.monthly(township, year), sources.monthly(township, year - 1)
    charts = []
    for key, values in this_year.items():
        series = [(f"{year}年", values), (f"{year - 1}年", last_year.get(key, [0] * 12))]
        title = _("%(label)s · 月度趋势") % {"label": labels.get(key, key)}
        charts.append({"wide": monthly_bar_chart(series, title=title), "narrow": monthly_rows_chart(series, title=title)})
    return charts


def alert_rows(township, today: datetime.date, year: int | None = None) -> list[dict]:
    """The year's records overdue or due within 7 days (an app's other notices, such as defects, stay on its
    ledgers)."""
    rows = []
    for alert in sources.alerts(township, today, year):
        if alert.get("status") in ALERT_STATUSES:
            level, label = ALERT_STATUSES[alert["status"]]
            rows.append({**alert, "level": level, "status_label": alert.get("status_label") or label})
    return rows


STEP_LABELS = {"finalized": gettext_lazy("定稿"), "submitted": gettext_lazy("报送县级"),
               "published": gettext_lazy("向社会公开")}
STEP_STATES = {"done": "success", "late_done": "warning", "overdue": "danger", "pending": "secondary"}


def step_rows(steps: list[deadlines.Step]) -> list[dict]:
    """A report's steps as the pages show them: label, due day, done day, days left, a colour."""
    return [{"step": step, "label": STEP_LABELS[step.code], "level": STEP_STATES[step.state]} for step in steps]


def report_steps(township_ids, year: int, today: datetime.date) -> dict[int, list[deadlines.Step]]:
    """Each township's steps with the report of ``year``: the first revision finalized, submitted and
    published counts (a correction later does not undo them). One query."""
    done = {
        row["township_id"]: row
        for row in AnnualReport.objects.filter(township_id__in=list(township_ids), year=year)
        .values("township_id")
        .annotate(finalized=Min("finalized_at"), submitted=Min("submitted_at"), published=Min("published_at"))
    }
    return {
        township_id: deadlines.progress(year, today, **{k: done.get(township_id, {}).get(k) for k in
                                                         ("finalized", "submitted", "published")})
        for township_id in township_ids
    }


def report_steps_done(township_ids, year: int) -> dict[int, set[str]]:
    """The steps (STEP_LABELS) each township's report of ``year`` has done, as report_steps counts them, without
    their due days (the province rollup counts a thousand townships' steps). One query."""
    found = AnnualReport.objects.filter(township_id__in=list(township_ids), year=year).values("township_id").annotate(
        finalized=Min("finalized_at"), submitted=Min("submitted_at"), published=Min("published_at"))
    return {row["township_id"]: {code for code in STEP_LABELS if row[code] is not None} for row in found}


def report_countdown(township, today: datetime.date) -> dict | None:
    """From 1 January, last year's report against its due days (to the county, to the public); None once
    it is finalized, submitted and published."""
    year = today.year - 1
    steps = report_steps([township.pk], year, today)[township.pk]
    if all(step.done for step in steps):
        return None
    return {"year": year, "steps": step_rows(steps), "submit_due": deadlines.submit_due(year),
            "publish_due": deadlines.publish_due(year)}


def township_dashboard(township, year: int, today: datetime.date) -> dict:
    this_year = sources.figures(township, year)
    last_year = sources.figures(township, year - 1)
    targets = targets_for([township.pk], year).get(township.pk, [])
    columns, villages = sources.by_village(township, year)
    labels = {key: figure.label for key, figure in this_year.items()}
    column_labels = village_columns()
    rows = figure_rows(this_year, last_year, targets)
    return {
        "figures": rows,
        "tiles": figure_tiles(rows),
        "targets": [target_row(target, this_year.get(target.indicator)) for target in targets],
        "alerts": alert_rows(township, today, year),
        "village_columns": [(column, column_labels.get(column, column)) for column in columns],
        "villages": [
            {"name": getattr(row["village"], "name", row["village"]), "values": [row[c] for c in columns]}
            for row in villages
        ],
        "charts": monthly_charts(township, year, labels),
        "report": latest_reports([township.pk], year).get(township.pk),
        "areas_without_stats": [area.label for area in areas.areas() if area.stats and sources.stats_module(area.code) is None],
        "countdown": report_countdown(township, today),
    }


def county_dashboard(townships, year: int, today: datetime.date) -> dict:
    """One row per township (key figures, targets reached, alerts, report status) and a total row."""
    townships = list(townships)
    ids = [township.pk for township in townships]
    targets, reports = targets_for(ids, year), latest_reports(ids, year)
    steps = report_steps(ids, year, today)
    summaries = sources.township_summaries(townships, year, today)
    rows, columns, labels = [], [], {}
    compared = key_figures()
    for township in townships:
        figures, alerts = summaries[township.pk]
        for key in compared:
            if key in figures and key not in columns:
                columns.append(key)
                labels[key] = figures[key].label
        statuses = [target_status(t, figures.get(t.indicator)) for t in targets.get(township.pk, [])]
        rows.append({
            "township": township,
            "figures": figures,
            "overdue": alerts["overdue"],
            "due_soon": alerts["due_soon"],
            "targets_reached": statuses.count("reached"),
            "targets_total": len(statuses),
            "report": reports.get(township.pk),
            "steps": step_rows(steps[township.pk]),
            "late": any(step.late for step in steps[township.pk]),
        })
    columns.sort(key=compared.index)
    for row in rows:
        row["values"] = [printed(row["figures"].get(key)) for key in columns]
        by_indicator = {t.indicator: t for t in targets.get(row["township"].pk, [])}
        row["cells"] = [cell_against_target(row["figures"].get(key), by_indicator.get(key)) for key in columns]
    return {
        "columns": [(key, labels[key]) for key in columns],
        "rows": rows,
        "charts": comparison_charts(columns, labels, rows),
        "totals": [printed(total_of(key, [row["figures"].get(key) for row in rows])) for key in columns],
        "overdue": sum(row["overdue"] for row in rows),
        "due_soon": sum(row["due_soon"] for row in rows),
        "submit_due": deadlines.submit_due(year),
        "publish_due": deadlines.publish_due(year),
        "reports_late": sum(row["late"] for row in rows),
    }


def total_of(key: str, figures: list[Figure | None]) -> Figure | None:
    """The county's figure: counts added up, rates recomputed from the summed parts (of Figures, or of what the
    rollup keeps of them, sources.KeptFigure)."""
    present = [figure for figure in figures if figure is not None]
    if not present:
        return None
    first = present[0]
    if first.is_rate:
        numerator = sum(figure.numerator or 0 for figure in present)
        denominator = sum(figure.denominator or 0 for figure in present)
        return Figure(key=key, label=first.label, value=rate(numerator, denominator), unit=first.unit,
                      numerator=numerator, denominator=denominator)
    return Figure(key=key, label=first.label, value=sum(int(figure.value or 0) for figure in present), unit=first.unit)


#: within this share of an "at least" target (or above an "at most" one by it) a value is near (amber), not behind
NEAR_TARGET = Decimal("0.9")


def cell_against_target(figure: Figure | None, target: Target | None) -> dict:
    """A county table cell: the figure as printed, and reached / near / behind its target (none without one)."""
    status = target_status(target, figure) if target is not None else "none"
    value = numeric(figure)
    if status == "behind":
        if target.comparison == Target.Comparison.AT_LEAST:
            near = value >= target.value * NEAR_TARGET
        else:
            near = value * NEAR_TARGET <= target.value
        status = "near" if near else "behind"
    return {"printed": printed(figure), "value": value, "status": status, "target": target}


def comparison_charts(columns: list[str], labels: dict[str, str], rows: list[dict]) -> list[dict]:
    """A small chart per compared indicator: each township's value as a bar, coloured by its target."""
    charts = []
    for index, key in enumerate(columns):
        cells = [(row["township"].name, row["cells"][index]) for row in rows]
        targets = {cell["target"].value for _, cell in cells if cell["target"] is not None}
        figure = next((row["figures"][key] for row in rows if row["figures"].get(key) is not None), None)
        unit = "%" if figure is not None and figure.is_rate else ""
        chart = comparison_bars([(name, cell["value"], cell["status"]) for name, cell in cells], title=labels[key],
                                unit=unit, target=targets.pop() if len(targets) == 1 else None)
        charts.append({"key": key, "label": labels[key], "chart": chart})
    return charts


COUNTY_SORTS = {"township", "targets", "overdue", "due_soon"}


def county_sort(sort: str) -> str:
    """?sort= as a sort the county table may have (a column a county may show), else "" (no sort): what keys the
    kept table (township.cache.cached_here), so that made-up sorts do not fill the cache."""
    key = sort.lstrip("-")
    return sort if sort in (key, f"-{key}") and (key in COUNTY_SORTS or key in key_figures()) else ""


def sort_county_rows(county: dict, sort: str) -> str:
    """Sort the county table by a column (?sort=key, -key for descending); returns the sort in force ("" none).
    A township without a value sorts last either way."""
    key, descending = sort.lstrip("-"), sort.startswith("-")
    columns = [column for column, _label in county["columns"]]
    if key not in COUNTY_SORTS and key not in columns:
        return ""

    def value(row):
        if key == "township":
            return row["township"].name
        if key == "targets":
            return Decimal(row["targets_reached"]) / row["targets_total"] if row["targets_total"] else None
        if key in ("overdue", "due_soon"):
            return row[key]
        return row["cells"][columns.index(key)]["value"]

    present = [row for row in county["rows"] if value(row) is not None]
    missing = [row for row in county["rows"] if value(row) is None]
    county["rows"] = sorted(present, key=value, reverse=descending) + missing
    return sort


def province_rollup(townships: QuerySet, year: int, today: datetime.date) -> dict:
    """The province viewer's start page: one row per county with its townships' key figures added up (rates
    recomputed from the summed numerators and denominators, township.figures), their alerts and how many of
    them finalized, submitted and published the year's report; and the province's total row.

    Each township's key figures and alert counts are kept in the cache under its own data token
    (sources.key_figures_of_townships): those missing are computed with grouped queries over those townships at once
    (each area's figures_for_townships and alert_counts), the reports' steps with one query, so the number of
    queries does not grow with the townships, and after a write to one township only its figures are counted
    again. The result is kept whole as well, until a record of any township changes (township.cache)."""
    ids = list(townships.values_list("pk", flat=True))  # the townships themselves only when it is computed
    return cached("province-rollup", ids, lambda: _province_rollup(list(townships), year, today), year, today)


def _province_rollup(townships: list, year: int, today: datetime.date) -> dict:
    compared = key_figures()
    summaries = sources.key_figures_of_townships(townships, year, today, compared)
    steps = report_steps_done([township.pk for township in townships], year)
    columns = [key for key in compared if any(key in figures for figures, _alerts in summaries.values())]
    by_county: dict[int, dict] = {}
    for township in townships:
        row = by_county.setdefault(township.county_id, {
            "county": township.county, "townships": 0, "overdue": 0, "due_soon": 0, "parts": {key: [] for key in columns},
            **dict.fromkeys(STEP_LABELS, 0),
        })
        figures, alerts = summaries[township.pk]
        row["townships"] += 1
        row["overdue"] += alerts["overdue"]
        row["due_soon"] += alerts["due_soon"]
        for key in columns:
            row["parts"][key].append(figures.get(key))
        for code in steps.get(township.pk, ()):
            row[code] += 1
    rows = sorted(by_county.values(), key=lambda row: row["county"].code)
    labels = {}
    for row in rows:
        parts = row.pop("parts")
        row["figures"] = {key: total_of(key, parts[key]) for key in columns}
        for key, figure in row["figures"].items():
            if figure is not None:
                labels.setdefault(key, figure.label)
        row["values"] = [printed(row["figures"][key]) for key in columns]
    totals = {key: total_of(key, [row["figures"][key] for row in rows]) for key in columns}
    return {
        "columns": [(key, labels.get(key, key)) for key in columns],
        "rows": rows,
        "figures": totals,
        "totals": [printed(totals[key]) for key in columns],
        "townships": len(townships),
        "overdue": sum(row["overdue"] for row in rows),
        "due_soon": sum(row["due_soon"] for row in rows),
        **{code: sum(row[code] for row in rows) for code in STEP_LABELS},
    }
