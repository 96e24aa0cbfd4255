import pytest
from django.core.exceptions import ValidationError

from openkp.core.models import Organisation
from openkp.core.validators import validate_ico


@pytest.mark.parametrize("ico", ["00845451", "25596641", "27074358", "00297313"])
def test_valid_ico_passes(ico):
    validate_ico(ico)


@pytest.mark.parametrize(
    ("ico", "message"),
    [
        ("00845452", "nemá správnou kontrolní číslici"),
        ("0084545", "musí mít přesně 8 číslic, zadáno jich je 7"),
        ("008454511", "musí mít přesně 8 číslic, zadáno jich je 9"),
        ("0084545A", "smí obsahovat jen číslice"),
        ("", "smí obsahovat jen číslice"),
    ],
)
def test_invalid_ico_has_clear_czech_message(ico, message):
    with pytest.raises(ValidationError) as error:
        validate_ico(ico)
    assert message in error.value.messages[0]


@pytest.mark.django_db
def test_organisation_full_clean_names_the_ico_field():
    organisation = Organisation(name="Spolek", ico="12345678")
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "ico" in error.value.message_dict
    assert "kontrolní číslici" in error.value.message_dict["ico"][0]


@pytest.mark.django_db
def test_organisation_without_ico_is_allowed_and_stored_as_null():
    first = Organisation(name="Svépomocná skupina", ico="")
    first.full_clean()
    first.save()
    second = Organisation(name="Klub seniorů", ico="")
    second.full_clean()
    second.save()
    assert Organisation.objects.filter(ico__isnull=True).count() == 2
