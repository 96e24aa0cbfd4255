import pytest
from django.conf import settings
from django.test.client import Client

from openkp.accounts.tests.factories import MembershipFactory, UserFactory
from openkp.core.tests.csrf import assert_forms_carry_csrf_token
from openkp.core.tests.factories import AreaFactory


@pytest.fixture(autouse=True)
def _rendered_forms_carry_csrf_token(monkeypatch):
    """Every page any test renders is checked: its POST forms must carry the CSRF token."""
    request = Client.request

    def checked_request(self, **kwargs):
        response = request(self, **kwargs)
        assert_forms_carry_csrf_token(response)
        return response

    monkeypatch.setattr(Client, "request", checked_request)


def pytest_configure(config):
    # Production redirects HTTP to HTTPS and sends cookies over HTTPS only; the test client, django-webtest
    # and the live server (made once per session, before any per-test override) speak plain HTTP, and
    # a browser (or webtest's cookie jar) would not send a secure CSRF cookie back over it.
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False


@pytest.fixture
def area(db):
    return AreaFactory(slug="mesto", name="Město Testov")


@pytest.fixture
def other_area(db):
    return AreaFactory(slug="jinde", name="Obec Jinde")


@pytest.fixture
def person_with_role(db):
    """``person_with_role(area, role)`` → a user who has that role in the area."""

    def make(area, role, **kwargs):
        return MembershipFactory(area=area, role=role, **kwargs).user

    return make


@pytest.fixture
def manager_of(person_with_role):
    """``manager_of(group)`` → a user with the group-manager role who leads that group (its active manager)."""
    from openkp.structures.models import GroupMember, TriadRole

    def make(group, **kwargs):
        user = person_with_role(group.area, "group_manager", **kwargs)
        GroupMember.objects.create(area=group.area, group=group, user=user, name=user.get_full_name() or user.username,
                                   triad_role=TriadRole.PROVIDER, function=GroupMember.Function.MANAGER)
        return user

    return make


@pytest.fixture
def coordinator(area, person_with_role):
    return person_with_role(area, "coordinator")


@pytest.fixture
def outsider(db):
    return UserFactory(username="cizinec")
