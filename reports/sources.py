"""Figures of every work area for reports and dashboards, read through the area registry and kept in the
cache until a record of the township changes (township.cache).

Each registered area (township.areas) may name a stats module (by default ``<app>/stats.py``, DESIGN.md
§6, docs/architecture.md) with
``figures(township, year) -> dict[str, Figure]``, ``monthly(township, year) -> dict[str, list[int]]``,
``by_village(township, year) -> list[dict]`` and ``alerts(township, today, year) -> list[dict]`` (the year's
records whose deadlines are past or near today: a 2025 dashboard alerts on 2025's records).
An app that has no ``stats.py`` yet contributes nothing, and the report says plainly that it has no
records. Reports read the domain apps through these functions and nothing else.

For the county dashboard an app may also offer the same for many townships at once, in a fixed number
of queries: ``figures_for_townships(townships, year) -> {township_id: {key: Figure}}`` and
``alert_counts(townships, today, year) -> {township_id: {"overdue": n, "due_soon": n}}``. Without them each
township is asked in turn. An alerts function that takes no ``year`` yet is asked without it.
"""

from __future__ import annotations

import datetime
import importlib
import inspect
from collections import Counter
from decimal import Decimal
from types import ModuleType
from typing import NamedTuple

from township import areas
from township.cache import cached, cached_each
from township.figures import Figure
from township.models import Township


def area_codes() -> list[str]:
    """The registered areas that report figures, in the navigation's order."""
    return [area.code for area in areas.areas() if area.stats]


def stats_module(code: str) -> ModuleType | None:
    """The area's stats module, or None while it has none (an error inside an existing module is raised)."""
    name = areas.area(code).stats
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name in (name, name.rpartition(".")[0]):
            return None
        raise


def _call(app: str, name: str, *args):
    module = stats_module(app)
    function = getattr(module, name, None) if module is not None else None
    return function(*args) if function is not None else None


def figures_by_app(township: Township, year: int) -> dict[str, dict[str, Figure]]:
    """``{app: {key: Figure}}`` for every app that has stats (an app without stats is absent)."""
    return cached("figures", [township.pk], lambda: _figures_by_app(township, year), year)


def _figures_by_app(township: Township, year: int) -> dict[str, dict[str, Figure]]:
    result = {}
    for app in area_codes():
        figures = _call(app, "figures", township, year)
        if figures is not None:
            result[app] = dict(figures)
    return result


def figures(township: Township, year: int) -> dict[str, Figure]:
    """Every app's figures of the year, by key."""
    merged: dict[str, Figure] = {}
    for app_figures in figures_by_app(township, year).values():
        merged.update(app_figures)
    return merged


def township_summaries(townships: list[Township], year: int,
                       today: datetime.date) -> dict[int, tuple[dict[str, Figure], Counter]]:
    """``{township_id: (figures, alert counts)}``: what the county dashboard shows of each township. Each
    township's pair is kept in the cache under that township's own data token (township.cache.cached_each), so
    after a write to one township only that one is computed again; the townships missing are computed together,
    with each area's grouped queries (figures_for_townships, alert_counts)."""
    by_id = {township.pk: township for township in townships}

    def compute(ids) -> dict:
        missing = [by_id[township_id] for township_id in ids]
        figures, counts = _figures_of_townships(missing, year), _alert_counts(missing, today, year)
        return {township_id: (figures[township_id], counts[township_id]) for township_id in ids}

    return cached_each("township-summary", by_id, compute, year, today)


def key_figures_of_townships(townships: list[Township], year: int, today: datetime.date, keys: list[str],
                             known: dict | None = None) -> dict[int, tuple[dict[str, KeptFigure], Counter]]:
    """township_summaries for the province rollup: only the figures of ``keys``, and each township keeps of them
    in the cache only their label, unit, value, numerator and denominator, as plain tuples (read back as
    KeptFigure). A thousand townships' whole figures (about 19 KB a township: definitions, ledger filters) took
    over a second to read back from the cache; these take about 1.6 KB and 50 ms (docs/decisions/0026).
    ``known``: township_summaries of these townships already at hand (the warm-up), not counted again."""
    by_id = {township.pk: township for township in townships}
    wanted = set(keys)

    def compute(ids) -> dict:
        if known is not None and all(township_id in known for township_id in ids):
            figures = {township_id: known[township_id][0] for township_id in ids}
            counts = {township_id: known[township_id][1] for township_id in ids}
        else:
            missing = [by_id[township_id] for township_id in ids]
            figures, counts = _figures_of_townships(missing, year), _alert_counts(missing, today, year)
        return {
            township_id: (
                tuple((key, figure.label, figure.unit, figure.value, figure.numerator, figure.denominator)
                      for key, figure in figures[township_id].items() if key in wanted),
                (counts[township_id]["overdue"], counts[township_id]["due_soon"]),
            )
            for township_id in ids
        }

    kept = cached_each("township-key-figures", by_id, compute, year, today, *keys)
    return {
        township_id: ({figure[0]: KeptFigure._make(figure) for figure in figures},
                      Counter(overdue=overdue, due_soon=due_soon))
        for township_id, (figures, (overdue, due_soon)) in kept.items()
    }


class KeptFigure(NamedTuple):
    """What key_figures_of_townships keeps of a figure: enough to add it up (reports.stats.total_of), a plain
    tuple in the cache (a thousand Figures cost about half a second to make again)."""

    key: str
    label: str
    unit: str
    value: int | Decimal | None
    numerator: int | None
    denominator: int | None

    @property
    def is_rate(self) -> bool:
        return self.denominator is not None


def _figures_of_townships(townships: list[Township], year: int) -> dict[int, dict[str, Figure]]:
    result: dict[int, dict[str, Figure]] = {township.pk: {} for township in townships}
    for app in area_codes():
        module = stats_module(app)
        if module is None:
            continue
        if hasattr(module, "figures_for_townships"):
            found = module.figures_for_townships(townships, year)
        elif hasattr(module, "figures"):
            found = {township.pk: module.figures(township, year) for township in townships}
        else:
            continue
        for township_id, app_figures in found.items():
            result[township_id].update(app_figures)
    return result


def monthly(township: Township, year: int) -> dict[str, list[int]]:
    """Twelve monthly counts per figure key, for the trend charts."""
    return cached("monthly", [township.pk], lambda: _monthly(township, year), year)


def _monthly(township: Township, year: int) -> dict[str, list[int]]:
    merged: dict[str, list[int]] = {}
    for app in area_codes():
        merged.update(_call(app, "monthly", township, year) or {})
    return merged


#: the keys of a by_village row that name the village rather than count something
VILLAGE_KEYS = ("village", "village_id")


def by_village(township: Township, year: int) -> tuple[list[str], list[dict]]:
    """The per-village counts of every app, merged into one row per village: (columns, rows).

    Each row is ``{"village": <a name or a Village>, <column>: int, ...}``, keyed by ``village_id`` when
    the app gives it; a column an app does not count for a village is 0.
    """
    return cached("by-village", [township.pk], lambda: _by_village(township, year), year)


def _by_village(township: Township, year: int) -> tuple[list[str], list[dict]]:
    columns: list[str] = []
    rows: dict[object, dict] = {}
    for app in area_codes():
        for entry in _call(app, "by_village", township, year) or []:
            village = entry["village"]
            key = entry["village_id"] if "village_id" in entry else getattr(village, "pk", village)
            row = rows.setdefault(key, {"village": village})
            for column, value in entry.items():
                if column in VILLAGE_KEYS:
                    continue
                if column not in columns:
                    columns.append(column)
                row[column] = row.get(column, 0) + (value or 0)
    for row in rows.values():
        for column in columns:
            row.setdefault(column, 0)
    return columns, list(rows.values())


def _with_year(function, *args, year: int | None):
    """Call an area's alerts function with the year when it takes one (older ones alert on every year)."""
    if year is not None and "year" in inspect.signature(function).parameters:
        return function(*args, year=year)
    return function(*args)


def alerts(township: Township, today: datetime.date, year: int | None = None) -> list[dict]:
    """Every app's deadline alerts on the year's records (overdue first, then by due date)."""
    return cached("alerts", [township.pk], lambda: _alerts(township, today, year), today, year)


def _alerts(township: Township, today: datetime.date, year: int | None) -> list[dict]:
    found = []
    for app in area_codes():
        module = stats_module(app)
        function = getattr(module, "alerts", None) if module is not None else None
        if function is not None:
            found.extend(_with_year(function, township, today, year=year) or [])
    return sorted(found, key=lambda alert: (alert.get("status") != "overdue", alert.get("due") or datetime.date.max))


def _alert_counts(townships: list[Township], today: datetime.date, year: int | None) -> dict[int, Counter]:
    result: dict[int, Counter] = {township.pk: Counter() for township in townships}
    for app in area_codes():
        module = stats_module(app)
        if module is None:
            continue
        if hasattr(module, "alert_counts"):
            for township_id, counts in _with_year(module.alert_counts, townships, today, year=year).items():
                result[township_id].update(counts)
        elif hasattr(module, "alerts"):
            for township in townships:
                found = _with_year(module.alerts, township, today, year=year)
                result[township.pk].update(alert.get("status") for alert in found)
    return result
