"""Operator commands that need more than one service call (``madoguchi createagent``).

>>> # agent_create_with_access(username="aiko", password="...", superuser=True)
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from madoguchi.agents.models import Team
from madoguchi.agents.services import agent_create


def agent_create_with_access(
    *,
    username: str,
    password: str,
    email: str = "",
    name: str = "",
    role: str = "agent",
    teams: Iterable[Team | str] = (),
    language: str = "ja",
    superuser: bool = False,
) -> AbstractBaseUser:
    """:func:`agent_create`, plus Django admin access (staff + superuser) when asked.

    One transaction: an agent is never left half-created. Raises ``AgentError``.
    """
    with transaction.atomic():
        user = agent_create(
            username=username,
            password=password,
            email=email,
            name=name,
            role=role,
            teams=teams,
            language=language,
        )
        if superuser:
            user.is_staff = True
            user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
    return user
