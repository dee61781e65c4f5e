"""Sign-in and sign-out (Django's views; our form and template)."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from madoguchi.agents.forms import AgentLoginForm
from madoguchi.tickets.access import is_agent


class AgentLoginView(auth_views.LoginView):
    """Django rotates the session key on sign-in (``login()`` cycles it)."""

    template_name = "agents/login.html"
    authentication_form = AgentLoginForm

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "GET" and is_agent(request.user):
            return redirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)


login = AgentLoginView.as_view()
logout = auth_views.LogoutView.as_view(next_page="agents:login")  # POST only (Django 5)
