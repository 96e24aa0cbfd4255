from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from openkp.catalog.codebooks import CodebookError, import_codebook, load_seed_codebooks
from openkp.core.commands import read_input_file


class Command(BaseCommand):
    help = (
        "Aktualizuje číselník katalogu ze souboru číselníku MPSV "
        "(druhy-socialni-sluzby, cilove-skupiny-osoby, vekove-skupiny-osoby, typy-kapacity-socialni-sluzby .json). "
        "Bez souboru načte výchozí číselníky dodávané s aplikací."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?")

    def handle(self, *args, file=None, **options):
        if file is None:
            load_seed_codebooks()
            self.stdout.write(self.style.SUCCESS("Výchozí číselníky jsou načteny."))
            return
        try:
            result = import_codebook(read_input_file(file))
        except CodebookError as error:
            raise CommandError(f"Číselník nebyl načten, nic se nezměnilo: {error}") from None
        self.stdout.write(self.style.SUCCESS(
            f"Číselník {result['list']}: {result['created']} nových položek, {result['updated']} přejmenovaných."
        ))
