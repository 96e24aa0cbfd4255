import pytest

from openkp.accounts.tests.factories import MembershipFactory, UserFactory
from openkp.core.tests.factories import AreaFactory


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
def coordinator(area, person_with_role):
    return person_with_role(area, "coordinator")


@pytest.fixture
def outsider(db):
    return UserFactory(username="cizinec")
