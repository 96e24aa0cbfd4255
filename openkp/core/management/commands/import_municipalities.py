from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openkp.core.commands import read_input_file
from openkp.core.municipalities import MunicipalityImportError, import_municipalities


class Command(BaseCommand):
    help = (
        "Importuje obce, městské obvody a části obcí ze souboru CSV (vše, nebo nic). "
        "Sloupce: code/kod/CHODNOTA, name/nazev/TEXT, kind/typ, parent_code/kod_obce, district/okres, region/kraj."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            report = import_municipalities(read_input_file(file))
        except MunicipalityImportError as error:
            raise CommandError("Import neproběhl, nic nebylo uloženo:\n" + "\n".join(error.errors)) from None
        self.stdout.write(self.style.SUCCESS(report.summary()))
