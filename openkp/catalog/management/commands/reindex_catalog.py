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
        changed = 0
        with transaction.atomic():
            for service in services.iterator(chunk_size=500):
                before = [getattr(service, name) for name in FIELDS]
                service_index(service, facilities=list(service.facilities.all()), target_groups=list(service.target_groups.all()),
                              forms=[form.form for form in service.forms.all()])
                if [getattr(service, name) for name in FIELDS] == before:
                    continue  # unchanged rows keep their updated_at (it is the services' last_modified in exports)
                batch.append(service)
                changed += 1
                if len(batch) == 500:
                    Service.objects.bulk_update(batch, FIELDS)  # also sets updated_at, so search indexes notice
                    batch = []
            Service.objects.bulk_update(batch, FIELDS)
        self.stdout.write(self.style.SUCCESS(f"Přeindexováno služeb: {Service.objects.count()} (změněno {changed})."))
