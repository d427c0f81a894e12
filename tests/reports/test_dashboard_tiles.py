"""A leader's dashboard (issue 12, items 11 and 14): the key figures first, as tiles, then the alerts; charts
readable on a phone; a rate's change in percentage points."""

import re
from decimal import Decimal

import pytest

from reports import charts
from reports.stats import change_text
from township.figures import Figure
from township.models import Membership


@pytest.fixture
def year_2025(users):
    Membership.objects.update(year=2025)


def rate(value, numerator=1, denominator=1):
    return Figure(key="r", label="r", value=Decimal(value) if value is not None else None, unit="%",
                  numerator=numerator, denominator=denominator)


def test_a_rates_change_is_in_percentage_points():
    assert change_text(rate("97.1"), rate("95")) == (Decimal("2.1"), "+2.1个百分点")
    assert change_text(rate("95"), rate("97.1")) == (Decimal("-2.1"), "-2.1个百分点")
    assert change_text(rate("95"), rate("95"))[1] == "0个百分点"
    assert change_text(rate("95"), rate(None, 0, 0)) == (None, "—")  # last year had nothing to divide
    count = Figure(key="c", label="c", value=12, unit="件")
    assert change_text(count, Figure(key="c", label="c", value=9, unit="件")) == (3, "+3")


def test_the_dashboard_starts_with_key_figure_tiles_then_the_alerts(cast, year_2025, client_for, contract_stats):
    page = client_for(cast.users["leader"]).get("/").content.decode()
    main = page.split("<main", 1)[1]
    assert main.count('class="card h-100 figure-tile') == 6  # the disputes area's key figures
    assert main.index("figure-tile") < main.index('id="alerts-heading"') < main.index('id="figures-heading"')


def test_every_text_of_the_dashboard_charts_is_at_least_11_px():
    series = [("2025年", [3, 0, 12, 5, 0, 0, 1, 2, 8, 0, 4, 6]), ("2024年", [1] * 12)]
    for svg in (charts.monthly_bar_chart(series, title="t"), charts.monthly_rows_chart(series, title="t")):
        sizes = [float(size) for size in re.findall(r'font-size="([\d.]+)"', svg)]
        assert sizes and min(sizes) >= 11
    assert 'width="360"' in charts.monthly_rows_chart(series, title="t")  # drawn at a phone's width, not shrunk
