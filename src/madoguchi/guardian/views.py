"""The supervisors' review of guard overrides (``/agent/guard/``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from madoguchi.agents.decorators import agent_required
from madoguchi.guard import REASONS
from madoguchi.guardian.selectors import overrides_for_review
from madoguchi.guardian.services import is_supervisor

PAGE_SIZE = 50


@require_GET
@agent_required
def override_list(request: HttpRequest) -> HttpResponse:
    """Every override, newest first; team leads and administrators only."""
    if not is_supervisor(request.user):
        raise PermissionDenied
    page = Paginator(overrides_for_review(), PAGE_SIZE).get_page(request.GET.get("page"))
    language = (request.LANGUAGE_CODE or "ja")[:2]
    rows = [
        {
            "override": row,
            "kinds": [REASONS.get(k, {}).get(language, k) for k in row.kinds],
        }
        for row in page
    ]
    return render(request, "guardian/override_list.html", {"page": page, "rows": rows})
