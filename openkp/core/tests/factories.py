import factory

from openkp.core.models import Area, Municipality, Organisation
from openkp.core.validators import ico_check_digit


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"{900000 + n}")
    name = factory.Sequence(lambda n: f"Obec {n}")
    district = "Opava"
    region = "Moravskoslezský kraj"


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"uzemi-{n}")
    name = factory.Sequence(lambda n: f"Území {n}")
    kind = Area.Kind.MUNICIPALITY


def valid_ico(n):
    first_seven = f"{n:07d}"
    return first_seven + str(ico_check_digit(first_seven))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organizace {n}, z. s.")
    ico = factory.Sequence(lambda n: valid_ico(5000000 + n))
    legal_form = Organisation.LegalForm.ASSOCIATION
