"""Customer writes: find-or-create by contact identity (race-safe), magic sign-in links."""

from __future__ import annotations

import hashlib
import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection, connections
from django.utils import timezone

from madoguchi.customers import services
from madoguchi.customers.models import ContactIdentity, Customer, MagicLink
from madoguchi.customers.services import (
    CustomerError,
    MagicLinkError,
    customer_get_or_create,
    magic_link_create,
    magic_link_redeem,
    normalize_email,
)

# --- e-mail normalisation and names --------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("  Taro@Example.JP ", "taro@example.jp"),
        ("TARO@EXAMPLE.JP", "taro@example.jp"),
        ("hanako.yamada+support@mail.example.co.jp", "hanako.yamada+support@mail.example.co.jp"),
    ],
)
def test_normalize_email(raw, normal):
    assert normalize_email(raw) == normal


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "   ",
        "not-an-email",
        "a@example.com\r\nBcc: x@example.com",
        "a@example.com\nBcc: x@example.com",
        "<script>@example.com",
        "x" * 250 + "@example.com",
        None,
    ],
)
def test_a_bad_address_is_a_customer_error(raw):
    with pytest.raises(CustomerError):
        normalize_email(raw)


@pytest.mark.django_db
def test_case_and_spaces_do_not_make_a_second_customer():
    first, created = customer_get_or_create(kind="email", value="Taro@Example.JP")
    again, created_again = customer_get_or_create(kind="email", value="  taro@example.jp ")
    assert created and not created_again and first == again
    assert ContactIdentity.objects.get().value == "taro@example.jp"


@pytest.mark.django_db
def test_crlf_and_controls_in_a_name_are_stripped():
    customer, _ = customer_get_or_create(
        kind="email", value="taro@example.jp", name="Taro\r\nBcc: x@example.com\x00\t Yamada"
    )
    assert customer.display_name == "Taro Bcc: x@example.com Yamada"
    assert not any(ch in customer.display_name for ch in "\r\n\x00\t")


@pytest.mark.django_db
def test_a_long_name_is_cut_to_the_column():
    customer, _ = customer_get_or_create(kind="email", value="t@example.jp", name="名" * 5000)
    assert len(customer.display_name) == 120


@pytest.mark.django_db
def test_a_name_is_filled_once_and_never_overwritten():
    customer, _ = customer_get_or_create(kind="email", value="t@example.jp")
    assert customer.display_name == ""
    customer, _ = customer_get_or_create(kind="email", value="t@example.jp", name="山田 太郎")
    customer, _ = customer_get_or_create(kind="email", value="t@example.jp", name="Mallory")
    customer.refresh_from_db()
    assert customer.display_name == "山田 太郎"


@pytest.mark.django_db
def test_other_identity_kinds_are_taken_as_given():
    customer, created = customer_get_or_create(kind="chat", value="session-ABC")
    again, _ = customer_get_or_create(kind="chat", value="session-ABC")
    assert created and again == customer
    assert customer_get_or_create(kind="chat", value="session-abc")[0] != customer


@pytest.mark.django_db
def test_the_lost_race_between_read_and_write_returns_the_winner():
    """Deterministic: the read misses a customer that another request has just created."""
    winner, _ = customer_get_or_create(kind="email", value="taro@example.jp")
    real_filter = ContactIdentity.objects.filter
    misses = iter([True])

    def filter_missing_once(**kwargs):
        qs = real_filter(**kwargs)
        return qs.none() if next(misses, False) else qs

    with mock.patch.object(ContactIdentity.objects, "filter", side_effect=filter_missing_once):
        loser, created = customer_get_or_create(kind="email", value="Taro@example.jp")
    assert loser == winner and not created
    assert Customer.objects.count() == 1  # the loser's customer row rolled back


@pytest.mark.django_db(transaction=True)
def test_concurrent_first_contacts_make_one_customer():
    barrier = threading.Barrier(6)
    results: list = []

    def contact():
        try:
            barrier.wait(timeout=10)
            results.append(customer_get_or_create(kind="email", value="Taro@Example.jp"))
        except BaseException as exc:
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=contact) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert Customer.objects.count() == 1 and ContactIdentity.objects.count() == 1
    assert len({customer.pk for customer, _ in results}) == 1
    assert [created for _, created in results].count(True) == 1


# --- magic links ----------------------------------------------------------------------------


@pytest.fixture
def customer(db):
    return customer_get_or_create(kind="email", value="taro@example.jp")[0]


def test_a_link_signs_in_once(customer):
    token = magic_link_create(customer=customer)
    assert magic_link_redeem(token=token) == customer
    with pytest.raises(MagicLinkError):
        magic_link_redeem(token=token)
    assert MagicLink.objects.get().used_at is not None


def test_redeeming_verifies_the_email_identity(customer):
    assert ContactIdentity.objects.get().verified_at is None
    magic_link_redeem(token=magic_link_create(customer=customer))
    assert ContactIdentity.objects.get().verified_at is not None


def test_only_the_hash_of_the_token_is_stored(customer):
    token = magic_link_create(customer=customer)
    link = MagicLink.objects.get()
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert len(token) >= 40  # 256 bits, URL-safe
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            assert all(token not in repr(row) for row in cursor.fetchall()), table


def test_an_expired_link_is_refused_and_stays_unused(customer, settings):
    token = magic_link_create(customer=customer)
    later = timezone.now() + timedelta(seconds=settings.MAGIC_LINK_MAX_AGE + 1)
    with mock.patch.object(services.timezone, "now", return_value=later):
        with pytest.raises(MagicLinkError):
            magic_link_redeem(token=token)
    assert MagicLink.objects.get().used_at is None


def test_a_link_works_until_it_expires(customer, settings):
    token = magic_link_create(customer=customer)
    almost = timezone.now() + timedelta(seconds=settings.MAGIC_LINK_MAX_AGE - 5)
    with mock.patch.object(services.timezone, "now", return_value=almost):
        assert magic_link_redeem(token=token) == customer


@pytest.mark.parametrize(
    "token",
    ["", "not-a-token", "x" * 101, "x" * 10_000, "' OR 1=1 --", "トークン"],
)
def test_an_unknown_or_malformed_token_is_refused(customer, token):
    magic_link_create(customer=customer)
    with pytest.raises(MagicLinkError):
        magic_link_redeem(token=token)
    assert MagicLink.objects.get().used_at is None


def test_the_stored_hash_itself_is_not_a_token(customer):
    magic_link_create(customer=customer)
    with pytest.raises(MagicLinkError):
        magic_link_redeem(token=MagicLink.objects.get().token_hash)


def test_each_link_is_new_and_one_use_does_not_spend_the_others(customer):
    first, second = magic_link_create(customer=customer), magic_link_create(customer=customer)
    assert first != second
    magic_link_redeem(token=first)
    assert magic_link_redeem(token=second) == customer


@pytest.mark.django_db(transaction=True)
def test_a_link_redeemed_twice_at_once_signs_in_once():
    customer = customer_get_or_create(kind="email", value="taro@example.jp")[0]
    token = magic_link_create(customer=customer)
    barrier = threading.Barrier(4)
    results: list = []

    def redeem():
        try:
            barrier.wait(timeout=10)
            results.append(magic_link_redeem(token=token))
        except BaseException as exc:
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=redeem) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [type(r).__name__ for r in results].count("Customer") == 1, results
    assert [type(r).__name__ for r in results].count("MagicLinkError") == 3, results
