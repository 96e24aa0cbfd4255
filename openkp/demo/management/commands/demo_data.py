from django.core.management.base import BaseCommand

from openkp.demo.data import DEMO_ACCOUNTS, load_demo_data


class Command(BaseCommand):
    help = "Vytvoří ukázková území ostrava a hlucinsko s demo účty (lze spustit opakovaně)."

    def handle(self, *args, **options):
        load_demo_data()
        self.stdout.write(self.style.SUCCESS("Ukázková data jsou připravena. Demo účty (login / heslo / role):"))
        for username, password, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<14} {password:<8} {role}")
