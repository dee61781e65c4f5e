"""The customer's own request page shows the verification code of each desk reply (the same
code the e-mail carried), and none for the customer's own messages."""

from __future__ import annotations

import pytest

from madoguchi.portal.tests.conftest import browser, sign_in
from madoguchi.signing.selectors import code_check, codes_of_messages
from madoguchi.tickets.services import message_post

pytestmark = pytest.mark.django_db


def test_the_request_page_shows_each_desk_reply_code(file_request, agent_user):
    ticket = file_request(email="hana@example.jp").ticket
    reply = message_post(ticket=ticket, agent=agent_user, body="Your withdrawal is on its way.")
    code = codes_of_messages([reply.pk])[reply.pk]
    client = browser("en")
    sign_in(client, "hana@example.jp")
    page = client.get(f"/requests/{ticket.public_id}/").content.decode()
    assert page.count('class="verification-code"') == 1  # the reply; not the customer's message
    assert code in page
    assert "check this code" not in page  # the agent-side hint is not shown to customers
    assert code_check(text=code).genuine
