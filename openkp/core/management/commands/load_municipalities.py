from django.core.management.base import BaseCommand

from openkp.core.municipalities import load_codebook


class Command(BaseCommand):
    help = "Načte číselník obcí dodávaný s aplikací (obce demo území a jejich části)."

    def handle(self, *args, **options):
        self.stdout.write(load_codebook().summary())
