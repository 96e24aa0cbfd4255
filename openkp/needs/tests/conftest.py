import pytest

from openkp.catalog.codebooks import load_seed_codebooks


@pytest.fixture(autouse=True)
def codebooks(db):
    """Target groups and service types, which surveys, needs and maps refer to."""
    load_seed_codebooks()


@pytest.fixture(autouse=True)
def import_work_dir(settings, tmp_path):
    """Parsed tables of answer imports wait in a folder of the test."""
    settings.IMPORT_WORK_DIR = tmp_path / "imports"
    return settings.IMPORT_WORK_DIR
