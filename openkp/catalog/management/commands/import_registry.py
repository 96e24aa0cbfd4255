from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openkp.catalog.registry import ENDING_LIMIT_PERCENT, EndingNotConfirmed, RegistryFileError, import_registry
from openkp.core.commands import read_input_file
from openkp.core.models import Area


class Command(BaseCommand):
    help = (
        "Importuje soubor registru poskytovatelů sociálních služeb (rpss.json z data.mpsv.cz) do katalogu území: "
        "služby se zařízením v obcích území, s --all všechny. Opakovaný import je bezpečný (podle portalId). "
        "Služby, které v souboru chybí, ukončí – bez --allow-ending nejvýš "
        f"{ENDING_LIMIT_PERCENT} % aktivních služeb z registru a jen když žádný záznam nebyl odmítnut."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="soubor rpss.json")
        parser.add_argument("--area", required=True, help="adresa (slug) území, např. ostrava")
        parser.add_argument("--all", action="store_true", dest="include_all", help="importovat všechny služby bez ohledu na obce území")
        parser.add_argument("--dry-run", action="store_true", help="jen vypsat, co by se změnilo a které služby by se ukončily; nic neukládat")
        parser.add_argument(
            "--allow-ending", type=int, default=0, metavar="N",
            help=f"potvrzení, že import smí ukončit až N služeb chybějících v souboru (potřeba, když by jich skončilo víc než "
                 f"{ENDING_LIMIT_PERCENT} % nebo když byl některý záznam odmítnut); chybí-li jich víc, import neproběhne",
        )

    def handle(self, *args, path, area, include_all, dry_run, allow_ending, **options):
        if allow_ending < 0:
            raise CommandError("--allow-ending musí být nezáporné celé číslo (počet služeb, které smí import ukončit).")
        planning_area = Area.objects.filter(slug=area).first()
        if planning_area is None:
            known = ", ".join(Area.objects.values_list("slug", flat=True)) or "žádné"
            raise CommandError(f"Území „{area}“ neexistuje. Existující území: {known}.")
        try:
            report = import_registry(
                read_input_file(path), area=planning_area, include_all=include_all, dry_run=dry_run, allow_ending=allow_ending,
            )
        except RegistryFileError as error:
            raise CommandError(f"Import neproběhl, nic nebylo uloženo: {error}") from None
        except EndingNotConfirmed as refusal:
            self.write_details(refusal.report, options["verbosity"])
            raise CommandError(f"{refusal.report.summary()}\n{self.how_to_confirm(refusal.report)}") from None
        self.stdout.write(self.style.SUCCESS(report.summary()) if not report.needs_confirmation else self.style.WARNING(report.summary()))
        self.write_details(report, options["verbosity"])
        if report.needs_confirmation:
            self.stdout.write(self.how_to_confirm(report))

    def write_details(self, report, verbosity):
        if report.rejections:
            self.stdout.write(f"Odmítnuté záznamy ({report.rejected}):")
            for line in report.lines():
                self.stdout.write(f"  {line}")
        if report.ending:
            heading = "Ukončené služby" if report.ended and not report.dry_run else "Služby, které v souboru chybí a import by je ukončil"
            self.stdout.write(f"{heading} ({len(report.ending)}):")
            for line in report.ending_lines():
                self.stdout.write(f"  {line}")
        if report.warnings and verbosity > 1:
            self.stdout.write(f"Upozornění ({len(report.warnings)}):")
            for line in report.warnings:
                self.stdout.write(f"  {line}")

    @staticmethod
    def how_to_confirm(report):
        return (
            f"Zkontrolujte seznam. Mají-li tyto služby skončit, spusťte import znovu s --allow-ending {len(report.ending)}; "
            "kdyby v souboru chybělo víc služeb, import neproběhne."
        )
