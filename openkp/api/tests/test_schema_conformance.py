"""The API answers as its OpenAPI document says: schemathesis generates requests for every operation of the schema
(valid and invalid parameters, bodies, methods) and runs all its checks on the answers — no server error, only
documented status codes and content types, bodies matching the schema, invalid data rejected, valid data accepted.

Run once anonymously and once with a coordinator's token, so that the writes are exercised past authentication.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

from config.wsgi import application
from openkp.catalog.codebooks import load_seed_codebooks
from openkp.catalog.tests.factories import ServiceFactory
from openkp.core.tests.factories import MunicipalityFactory
from openkp.plans.models import Plan
from openkp.plans.tests import factories as plan_factories


@pytest.fixture
def api_data(area, coordinator, person_with_role):
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


@schema.parametrize()
@EXAMPLES
def test_anonymous_requests_conform_to_the_schema(case, api_data):
    case.call_and_validate()


@schema.parametrize()
@EXAMPLES
def test_token_requests_conform_to_the_schema(case, api_data):
    case.call_and_validate(headers={"Authorization": f"Token {api_data['token']}"})
