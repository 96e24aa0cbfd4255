"""Django's own messages that its Czech catalogue does not translate.

Nothing imports this module: it exists so that ``makemessages`` keeps these msgids in
``locale/*/LC_MESSAGES/django.po`` (instead of marking hand-added entries obsolete), where the
project's Czech translations override Django's. The msgids must match Django's source exactly
(Django 5.2); re-check them when upgrading Django.
"""

from django.utils.translation import ngettext_lazy

DJANGO_STRINGS = [
    # django.contrib.auth.password_validation.MinimumLengthValidator.get_error_message()
    # (Django 5.2 uses "%d"; its cs catalogue only has the older "%(min_length)d" wording).
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
]
