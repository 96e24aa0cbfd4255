"""Validators for Czech identifiers."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ICO_WEIGHTS = (8, 7, 6, 5, 4, 3, 2)


def ico_check_digit(first_seven: str) -> int:
    """The mod-11 check digit of an IČO, computed from its first seven digits."""
    remainder = sum(int(digit) * weight for digit, weight in zip(first_seven, ICO_WEIGHTS)) % 11
    return (11 - remainder) % 10


def validate_ico(value: str) -> None:
    """An IČO has exactly 8 digits and its last digit is the mod-11 check digit."""
    value = (value or "").strip()
    if not value.isdigit():
        raise ValidationError(
            _("IČO smí obsahovat jen číslice (zadáno: „%(value)s“)."), code="ico_digits", params={"value": value}
        )
    if len(value) != 8:
        raise ValidationError(
            _("IČO musí mít přesně 8 číslic, zadáno jich je %(count)s. Kratší IČO doplňte zleva nulami."),
            code="ico_length",
            params={"count": len(value)},
        )
    if ico_check_digit(value[:7]) != int(value[7]):
        raise ValidationError(
            _("IČO %(value)s nemá správnou kontrolní číslici. Zkontrolujte je, prosím, v obchodním rejstříku nebo ARES."),
            code="ico_checksum",
            params={"value": value},
        )


def validate_municipality_code(value: str) -> None:
    """A ČSÚ / RÚIAN municipality or city-district code has 6 digits."""
    if not (value or "").isdigit() or len(value) != 6:
        raise ValidationError(
            _("Kód obce musí mít 6 číslic (kód ČSÚ / RÚIAN), zadáno: „%(value)s“."),
            code="municipality_code",
            params={"value": value},
        )
