from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openkp.core.municipalities import MunicipalityImportError, import_municipalities


class Command(BaseCommand):
    help = (
        "Importuje obce, městské obvody a části obcí ze souboru CSV (vše, nebo nic). "
        "Sloupce: code/kod/CHODNOTA, name/nazev/TEXT, kind/typ, parent_code/kod_obce, district/okres, region/kraj."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        if not file.is_file():
            raise CommandError(f"Soubor {file} neexistuje.")
        try:
            report = import_municipalities(file.read_bytes())
        except MunicipalityImportError as error:
            raise CommandError("Import neproběhl, nic nebylo uloženo:\n" + "\n".join(error.errors)) from None
        self.stdout.write(self.style.SUCCESS(report.summary()))
