import pytest

from openkp.catalog.codebooks import load_seed_codebooks


@pytest.fixture(autouse=True)
def codebooks(db):
    """Target groups and service types, which priorities, gaps and services refer to."""
    load_seed_codebooks()
