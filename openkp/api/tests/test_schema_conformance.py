"""The API answers as its OpenAPI document says: schemathesis generates requests for every operation of the schema
(valid and invalid parameters, bodies, methods) and runs all its checks on the answers — no server error, only
documented status codes and content types, bodies matching the schema, invalid data rejected, valid data accepted.

Run once anonymously and once with a coordinator's token, so that the writes are exercised past authentication.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import positive_data_acceptance

from config.wsgi import application
from openkp.catalog.codebooks import load_seed_codebooks
from openkp.catalog.tests.factories import ServiceFactory
from openkp.core.tests.factories import MunicipalityFactory
from openkp.plans.models import Plan
from openkp.plans.tests import factories as plan_factories


@pytest.fixture
def connection_kept_open():
    """The WSGI application closes the database connection after each request, which would end the test's
    transaction on PostgreSQL; Django's test client keeps it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(area, coordinator, person_with_role, connection_kept_open):
    """A little of everything the operations return, so that the bodies of real answers are checked too."""
    load_seed_codebooks()
    municipality = MunicipalityFactory(code="554821", name="Ostrava")
    area.municipalities.add(municipality)
    ServiceFactory(area=area, name="Domov pro seniory Testov", target_groups=["senioři"], forms=["pob", "amb"],
                   facilities=[{"name": "Domov", "municipality": municipality}])
    ServiceFactory(area=area, name="Služba bez druhu", service_type=None, registry_id=None)
    plan = plan_factories.small_plan(area)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.IN_FORCE)
    person_with_role(area, "member")
    return {"token": Token.objects.create(user=coordinator).key}


# Generating the schema touches no database, so it is loaded once, when the tests are collected.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)

EXAMPLES = settings(max_examples=25, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])


# Search filters that name an area, a service type or a target group: the schema cannot list which names exist,
# and an unknown one is a 400 naming the parameter (not silently ignored), although its value has the right type.
NAMING_FILTERS = {"area", "service_type", "target_group"}


def valid_data_accepted_unless_a_name_is_unknown(ctx, response, case):
    """schemathesis' ``positive_data_acceptance``, except for a 400 that only rejects names of the search filters."""
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if positive and case.operation.label == "GET /api/v1/services/" and response.status_code == 400:
        assert set(response.json()) <= NAMING_FILTERS, f"Valid data rejected: {response.json()}"
        return None
    return positive_data_acceptance(ctx, response, case)


def call_and_validate(case, **headers):
    case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance],
                           additional_checks=[valid_data_accepted_unless_a_name_is_unknown])


@schema.parametrize()
@EXAMPLES
def test_anonymous_requests_conform_to_the_schema(case, api_data):
    call_and_validate(case)


@schema.parametrize()
@EXAMPLES
def test_token_requests_conform_to_the_schema(case, api_data):
    call_and_validate(case, Authorization=f"Token {api_data['token']}")
