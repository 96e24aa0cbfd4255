"""Shared pieces of the import commands."""

from django.core.management.base import CommandError


def read_input_file(path):
    """The bytes of a command's input file, or a clear error when there is no such file."""
    if not path.is_file():
        raise CommandError(f"Soubor {path} neexistuje.")
    return path.read_bytes()
