"""The agent workspace at ``/agent/``."""

from django.urls import path

from madoguchi.agents.views import auth, inbox, ticket

app_name = "agents"
urlpatterns = [
    path("login/", auth.login, name="login"),
    path("logout/", auth.logout, name="logout"),
    path("", inbox.inbox, name="inbox"),
    path("tickets/<str:reference>/", ticket.ticket_detail, name="ticket"),
    path("tickets/<str:reference>/reply/", ticket.ticket_reply, name="ticket_reply"),
    path("tickets/<str:reference>/change/", ticket.ticket_change, name="ticket_change"),
    path("tickets/<str:reference>/reveal/", ticket.requester_reveal, name="requester_reveal"),
]
