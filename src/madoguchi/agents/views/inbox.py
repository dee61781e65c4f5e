"""The inbox: filtered, sorted, paginated tickets with counts per status."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from madoguchi.agents import selectors
from madoguchi.agents.decorators import agent_required
from madoguchi.agents.forms import InboxFilterForm

PAGE_SIZE = 50


@agent_required
def inbox(request: HttpRequest) -> HttpResponse:
    form = InboxFilterForm(request.GET)  # every field is optional: no query string is valid
    inbox_filter, sort = form.to_filter()
    rows = selectors.inbox_rows(user=request.user, filters=inbox_filter, sort=sort)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    flagged = selectors.inbox_impersonation_flags([t.pk for t in page.object_list])
    for ticket in page.object_list:
        ticket.impersonation_flag = ticket.pk in flagged
    return render(
        request,
        "agents/inbox.html",
        {
            "form": form,
            "page": page,
            "filter": inbox_filter,
            "counts": selectors.inbox_status_counts(user=request.user),
        },
    )
