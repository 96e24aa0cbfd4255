from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openkp.catalog.locations import LocationError, import_address_points
from openkp.core.commands import read_input_file


class Command(BaseCommand):
    help = "Doplní souřadnice zařízení ze souboru CSV adresních míst RÚIAN: kodAdresnihoMista;lat;lon (WGS84)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            report = import_address_points(read_input_file(file))
        except LocationError as error:
            raise CommandError("Souřadnice nebyly načteny, nic se nezměnilo:\n" + "\n".join(error.errors[:50])) from None
        self.stdout.write(self.style.SUCCESS(report.summary()))
