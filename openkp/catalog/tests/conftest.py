import pytest

from openkp.catalog.codebooks import load_seed_codebooks
from openkp.core.models import MunicipalityPart
from openkp.core.tests.factories import MunicipalityFactory


@pytest.fixture(autouse=True)
def codebooks(db):
    load_seed_codebooks()


@pytest.fixture
def registry_area(area):
    """The area "mesto" covering the invented municipality Lipová Lhota (Obec/999999)."""
    lipova = MunicipalityFactory(code="999999", name="Lipová Lhota")
    MunicipalityFactory(code="999998", name="Horní Dolní")
    MunicipalityPart.objects.create(municipality=lipova, code="999999", name="Výsluní", kind=MunicipalityPart.Kind.PART)
    area.municipalities.add(lipova)
    return area
