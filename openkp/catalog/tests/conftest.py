import pytest

from openkp.catalog.codebooks import load_seed_codebooks


@pytest.fixture(autouse=True)
def codebooks(db):
    load_seed_codebooks()
