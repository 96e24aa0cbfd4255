from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openkp.catalog.registry import RegistryFileError, import_registry
from openkp.core.commands import read_input_file
from openkp.core.models import Area


class Command(BaseCommand):
    help = (
        "Importuje soubor registru poskytovatelů sociálních služeb (rpss.json z data.mpsv.cz) do katalogu území: "
        "služby se zařízením v obcích území, s --all všechny. Opakovaný import je bezpečný (podle portalId)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="soubor rpss.json")
        parser.add_argument("--area", required=True, help="adresa (slug) území, např. ostrava")
        parser.add_argument("--all", action="store_true", dest="include_all", help="importovat všechny služby bez ohledu na obce území")
        parser.add_argument("--dry-run", action="store_true", help="jen vypsat, co by se změnilo; nic neukládat")

    def handle(self, *args, path, area, include_all, dry_run, **options):
        planning_area = Area.objects.filter(slug=area).first()
        if planning_area is None:
            known = ", ".join(Area.objects.values_list("slug", flat=True)) or "žádné"
            raise CommandError(f"Území „{area}“ neexistuje. Existující území: {known}.")
        try:
            report = import_registry(read_input_file(path), area=planning_area, include_all=include_all, dry_run=dry_run)
        except RegistryFileError as error:
            raise CommandError(f"Import neproběhl, nic nebylo uloženo: {error}") from None
        self.stdout.write(self.style.SUCCESS(report.summary()))
        if report.rejections:
            self.stdout.write(f"Odmítnuté záznamy ({report.rejected}):")
            for line in report.lines():
                self.stdout.write(f"  {line}")
        if report.warnings and options["verbosity"] > 1:
            self.stdout.write(f"Upozornění ({len(report.warnings)}):")
            for line in report.warnings:
                self.stdout.write(f"  {line}")
