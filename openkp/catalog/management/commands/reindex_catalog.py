from django.core.management.base import BaseCommand
from django.db import transaction

from openkp.catalog.models import Service
from openkp.catalog.services import service_index

FIELDS = ["search_name", "search_text", "sort_name", "facet_keys"]


class Command(BaseCommand):
    help = "Přepočítá vyhledávací, řadicí a filtrační sloupce všech služeb (po změně pravidel vyhledávání)."

    def handle(self, *args, **options):
        services = Service.objects.select_related("provider", "service_type", "activity_category").prefetch_related(
            "target_groups", "forms", "facilities__municipality", "facilities__part"
        )
        batch = []
        with transaction.atomic():
            for service in services.iterator(chunk_size=500):
                service_index(service, facilities=list(service.facilities.all()), target_groups=list(service.target_groups.all()),
                              forms=[form.form for form in service.forms.all()])
                batch.append(service)
                if len(batch) == 500:
                    Service.objects.bulk_update(batch, FIELDS)
                    batch = []
            Service.objects.bulk_update(batch, FIELDS)
        self.stdout.write(self.style.SUCCESS(f"Přeindexováno služeb: {Service.objects.count()}."))
