import tempfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from openkp.demo.tests.test_demo_catalog import catalogue_counts
from openkp.demo.tests.test_demo_needs import needs_counts
from openkp.demo.tests.test_demo_plans import plan_counts


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    """``demo_data`` twice (idempotence), inside a transaction rolled back at the end: other packages see an empty database."""
    with (tempfile.TemporaryDirectory() as media, override_settings(MEDIA_ROOT=media), django_db_blocker.unblock(),
          transaction.atomic()):
        call_command("demo_data", stdout=StringIO())
        first = {"catalogue": catalogue_counts(), "needs": needs_counts(), "plans": plan_counts()}
        call_command("demo_data", stdout=StringIO())
        second = {"catalogue": catalogue_counts(), "needs": needs_counts(), "plans": plan_counts()}
        yield {"first": first, "second": second}
        transaction.set_rollback(True)
