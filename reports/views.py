"""Annual reports and dashboards (being built: issue 4)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def index(request):
    return render(request, "township/area_index.html", {"ledgers": []})
