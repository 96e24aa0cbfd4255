from django.core.management.base import BaseCommand

from openkp.core import periodic


class Command(BaseCommand):
    help = "Spustí pravidelné úlohy: připomínky setkání a úkolů, opakované odeslání e-mailů. Spouštějte z cronu každých 5–15 minut."

    def handle(self, *args, **options):
        for name, result in periodic.run_all().items():
            self.stdout.write(f"{name}: {result}")
