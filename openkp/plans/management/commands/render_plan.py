from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openkp.core.models import Area
from openkp.plans.documents import FORMATS, plan_for_document, render
from openkp.plans.models import PlanVersion


class Command(BaseCommand):
    help = (
        "Vytvoří dokument komunitního plánu území (DOCX nebo PDF): platný plán, jinak nejnovější návrh; "
        "s --version pojmenovanou verzi tohoto plánu."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # "--version NAME" is part of the command's interface; it replaces Django's --version (the Django version).
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("--area", required=True, help="adresa (slug) území, např. ostrava")
        parser.add_argument("--format", required=True, choices=sorted(FORMATS), dest="fmt", help="formát dokumentu")
        parser.add_argument("-o", "--output", required=True, type=Path, help="soubor, do kterého se dokument zapíše")
        parser.add_argument("--version", dest="version_name", default=None, metavar="NÁZEV", help="název uložené verze plánu")

    def handle(self, *args, area, fmt, output, version_name, **options):
        planning_area = Area.objects.filter(slug=area).first()
        if planning_area is None:
            known = ", ".join(Area.objects.order_by("slug").values_list("slug", flat=True)) or "žádné"
            raise CommandError(f"Území „{area}“ neexistuje. Existující území: {known}.")
        plan = plan_for_document(planning_area)
        if plan is None:
            raise CommandError(f"Území „{area}“ nemá platný plán ani rozpracovaný návrh plánu.")
        version = None
        if version_name is not None:
            version = PlanVersion.objects.for_area(planning_area).filter(plan=plan, name=version_name).first()
            if version is None:
                known = ", ".join(f"„{name}“" for name in plan.versions.values_list("name", flat=True)) or "žádné"
                raise CommandError(f"Plán „{plan.title}“ nemá verzi „{version_name}“. Uložené verze: {known}.")
        if output.parent and not output.parent.exists():
            raise CommandError(f"Složka „{output.parent}“ neexistuje.")
        content, _filename = render(plan, fmt, version=version)
        output.write_bytes(content)
        label = f"{plan.title}, verze „{version.name}“" if version else plan.title
        self.stdout.write(self.style.SUCCESS(f"Dokument plánu „{label}“ ({fmt.upper()}) je zapsán do {output}."))
