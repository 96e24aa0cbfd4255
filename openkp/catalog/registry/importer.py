"""Writing parsed registry records into an area's catalogue.

``import_registry`` runs one import in one transaction: RegistryImporter compares every parsed
record with a snapshot of the service stored earlier (ExistingServices, read in a few queries),
writes new and changed services in bulk, ends services the registry no longer lists and refreshes
the search columns of renamed providers.

Ending is guarded, because a truncated or wrong file would otherwise empty the catalogue: when
more than ENDING_LIMIT_PERCENT of the area's active registry services would end, the whole import
is refused (EndingNotConfirmed, nothing saved) unless the operator confirmed at least that many
(``allow_ending``); when a record was rejected, nothing ends without that confirmation and the
rest of the file is imported.
"""

from collections import defaultdict

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from openkp.core.models import Municipality, MunicipalityPart, Organisation

from ..codebooks import get_or_create_code, load_seed_codebooks
from ..models import AgeGroup, Capacity, CapacityType, Facility, Service, ServiceForm, ServiceType, TargetGroup
from ..services import service_index
from .parsing import RecordRejected, parse_record, portal_id_of, read_registry
from .report import EndingService, RegistryReport, Rejection, ending_limit

CHANGE_REASON = "Import z registru"
ENDED_REASON = "Import z registru: služba v souboru registru chybí"
PROGRESS_EVERY = 200
BATCH_SIZE = 500


class EndingNotConfirmed(Exception):
    """The import would end more services than allowed without confirmation; nothing was saved.

    ``report`` tells what the import would have done, with the services it would end."""

    def __init__(self, report):
        super().__init__(report.summary())
        self.report = report


# --- Comparing with what is stored -----------------------------------------------------------


def _canonical(items):
    return tuple(sorted(items, key=repr))


def _snapshot(*, fields, name, target_groups, age_groups, forms, facilities):
    """Everything the import writes for one service, in a form comparable across runs."""
    return {
        **fields,
        "name": name,
        "target_groups": tuple(sorted(target_groups)),
        "age_groups": tuple(sorted(age_groups)),
        "forms": _canonical((form, nonstop, _canonical(capacities)) for form, (nonstop, capacities) in forms.items()),
        "facilities": _canonical(facilities),
    }


def _facility_row(facility):
    return (facility.name, facility.street, facility.house_number, facility.orientation_number, facility.postcode,
            facility.municipality_code, facility.municipality_id, facility.part_id, facility.address_point,
            facility.valid_from, facility.valid_to)


def _service_fields(service):
    return {
        "registry_identifier": service.registry_identifier, "service_type": service.service_type.code if service.service_type else None,
        "provider": service.provider.ico, "age_note": service.age_note, "valid_from": service.valid_from,
        "valid_to": service.valid_to, "status": service.status, "email": service.email, "phone": service.phone, "web": service.web,
    }


class ExistingServices:
    """The area's services imported earlier, by portalId, with snapshots read in a few queries."""

    def __init__(self, area):
        queryset = Service.objects.filter(area=area, registry_id__isnull=False)
        self.by_portal_id = {service.registry_id: service for service in queryset.select_related("provider", "service_type")}
        ids = queryset.values("pk")
        self.target_groups = self._codes(Service.target_groups.through, "targetgroup__code", ids)
        self.age_groups = self._codes(Service.age_groups.through, "agegroup__code", ids)
        self.facilities = defaultdict(list)
        for facility in Facility.objects.filter(service__in=ids):
            self.facilities[facility.service_id].append(facility)
        self.forms = self._forms(ids)

    @staticmethod
    def _codes(through, code_field, ids):
        codes = defaultdict(list)
        for service_id, code in through.objects.filter(service__in=ids).values_list("service_id", code_field):
            codes[service_id].append(code)
        return codes

    @staticmethod
    def _forms(ids):
        capacities = defaultdict(list)
        for form_id, *capacity in Capacity.objects.filter(service_form__service__in=ids).values_list(
            "service_form_id", "capacity_type__code", "count", "note"
        ):
            capacities[form_id].append(tuple(capacity))
        forms = defaultdict(dict)
        for form_id, service_id, form, nonstop in ServiceForm.objects.filter(service__in=ids).values_list("pk", "service_id", "form", "nonstop"):
            forms[service_id][form] = (nonstop, capacities[form_id])
        return forms

    def snapshot(self, service):
        return _snapshot(
            fields=_service_fields(service), name=service.name if service.name_is_derived else None,
            target_groups=self.target_groups[service.pk], age_groups=self.age_groups[service.pk],
            forms=self.forms[service.pk], facilities=[_facility_row(facility) for facility in self.facilities[service.pk]],
        )


# --- The import ------------------------------------------------------------------------------


def import_registry(data, *, area, include_all=False, dry_run=False, allow_ending=0, progress=None):
    """Import a registry file (bytes) into the area's catalogue; returns a RegistryReport.

    Services located in the area's municipalities are imported (every service with
    ``include_all``); one transaction, rolled back at the end with ``dry_run``.
    ``allow_ending`` is how many services the operator confirmed may end (see the module's note).
    RegistryFileError (nothing written) when the file is malformed; EndingNotConfirmed (nothing
    written) when the ending needs a confirmation it did not get. A dry run raises neither for the
    ending: its report tells what would happen.
    """
    items = read_registry(data)
    with transaction.atomic():
        if not ServiceType.objects.exists():
            load_seed_codebooks()
        importer = RegistryImporter(area, include_all=include_all, allow_ending=allow_ending, progress=progress)
        importer.run(items)
        report = importer.report
        report.dry_run = dry_run
        if dry_run or report.ending_refused:
            transaction.set_rollback(True)
    if report.ending_refused and not dry_run:
        raise EndingNotConfirmed(report)
    return report


class RegistryImporter:
    def __init__(self, area, *, include_all, progress, allow_ending=0):
        self.area = area
        self.include_all = include_all
        self.progress = progress or (lambda percent, message: None)
        self.report = RegistryReport(allow_ending=max(0, allow_ending))
        self.today = timezone.localdate()
        self.area_codes = set(area.municipalities.values_list("code", flat=True))
        self.codebooks = {
            model: {entry.code: entry for entry in model.objects.exclude(code=None)}
            for model in (ServiceType, TargetGroup, AgeGroup, CapacityType)
        }
        self.municipalities = {municipality.code: municipality for municipality in Municipality.objects.all()}
        self.parts = {(part.kind, part.code): part for part in MunicipalityPart.objects.all()}
        self.existing = ExistingServices(area)
        # The registry has no coordinates; those added later (RÚIAN) belong to the address point.
        self.coordinates = {
            point: (latitude, longitude) for point, latitude, longitude in Facility.objects.filter(
                address_point__isnull=False, latitude__isnull=False, longitude__isnull=False
            ).values_list("address_point", "latitude", "longitude")
        }
        self.organisations = {}
        self.renamed_providers = set()
        self.pending = []  # (service, parsed) to create or update
        self.portal_ids = set()

    def run(self, items):
        total = len(items) or 1
        for index, item in enumerate(items, start=1):
            self.import_item(index, item)
            if index % PROGRESS_EVERY == 0:
                self.progress(90 * index / total, _("Zpracováno %(done)s z %(total)s záznamů") % {"done": index, "total": total})
        self.find_missing()
        if self.report.ending_refused:
            return  # nothing is written: the caller rolls back what the providers' lookup saved
        self.progress(92, _("Ukládám služby"))
        self.write_pending()
        if not self.report.ending_held_back:
            self.end_missing()
        self.reindex_renamed_providers()

    def import_item(self, index, item):
        portal_id = portal_id_of(item)
        reference = _("portalId %(id)s") % {"id": portal_id} if portal_id else _("položka č. %(index)s") % {"index": index}
        if portal_id is not None and portal_id in self.portal_ids:
            return self.reject(reference, _("portalId se v souboru opakuje; použit první záznam."))
        self.portal_ids.add(portal_id)
        try:
            parsed = parse_record(item, today=self.today)
        except RecordRejected as error:
            return self.reject(reference, str(error))
        except (TypeError, ValueError, AttributeError, KeyError):  # a shape nobody foresaw: skip, never crash
            return self.reject(reference, _("Záznam má neočekávaný tvar."))
        self.report.warnings += [f"{reference}: {warning}" for warning in parsed.warnings]
        if not self.include_all and not any(facility.municipality_code in self.area_codes for facility in parsed.facilities):
            self.report.skipped += 1
            return
        self.import_service(parsed, self.provider(parsed.provider))

    def reject(self, reference, reason):
        self.report.rejections.append(Rejection(reference, reason))

    def import_service(self, parsed, provider):
        service = self.existing.by_portal_id.get(parsed.portal_id)
        if service is None:
            service = Service(area=self.area, kind=Service.Kind.SERVICE, registry_id=parsed.portal_id, name_is_derived=True)
            self.report.created += 1
        elif self.existing.snapshot(service) == self.snapshot(parsed, provider, keep_name=not service.name_is_derived):
            self.report.unchanged += 1
            return
        else:
            service._change_reason = CHANGE_REASON
            self.report.updated += 1
        self.apply(service, parsed, provider)
        self.pending.append((service, parsed))

    def snapshot(self, parsed, provider, *, keep_name):
        facilities = [self.facility(parsed_facility) for parsed_facility in parsed.facilities]
        return _snapshot(
            fields=_service_fields(self.apply(Service(), parsed, provider)),
            name=None if keep_name else self.derived_name(parsed, provider),
            target_groups=parsed.target_group_codes, age_groups=parsed.age_group_codes,
            forms=parsed.forms, facilities=[_facility_row(facility) for facility in facilities],
        )

    def apply(self, service, parsed, provider):
        """Set the fields the registry provides; a name improved by a provider is kept."""
        service.provider = provider
        service.service_type = self.entry(ServiceType, parsed.service_type_code)
        if service.name_is_derived or not service.name:
            service.name = self.derived_name(parsed, provider)
        for name in ("age_note", "valid_from", "valid_to", "status", "email", "phone", "web"):
            setattr(service, name, getattr(parsed, name))
        service.registry_identifier = parsed.identifier
        return service

    def derived_name(self, parsed, provider):
        """The registry has no service name: the first facility's name, else "<type> – <provider>"."""
        name = next((facility.name for facility in parsed.facilities if facility.name), "")
        if not name:
            service_type = self.entry(ServiceType, parsed.service_type_code)
            label = service_type.name or str(service_type)
            name = f"{label[:1].upper()}{label[1:]} – {provider.name}"
        return name[:300]

    def entry(self, model, code):
        """A codebook entry by registry reference, cached; unknown codes are kept."""
        cache = self.codebooks[model]
        if code not in cache:
            cache[code] = get_or_create_code(model, code)
        return cache[code]

    def facility(self, parsed):
        part = next((self.parts[ref] for ref in parsed.part_refs if ref in self.parts), None)
        values = {key: value for key, value in parsed.__dict__.items() if key != "part_refs"}
        return Facility(**values, municipality=self.municipalities.get(parsed.municipality_code), part=part)

    def provider(self, parsed):
        """The provider's Organisation by IČO: created, or renamed and given missing contacts."""
        organisation = self.organisations.get(parsed.ico)
        if organisation is not None:
            return organisation
        organisation = Organisation.objects.filter(ico=parsed.ico).first()
        if organisation is None:
            organisation = Organisation(ico=parsed.ico, name=parsed.name, web=parsed.web, email=parsed.email, phone=parsed.phone)
            self.report.providers_created += 1
        elif not self.refresh_provider(organisation, parsed):
            self.organisations[parsed.ico] = organisation
            return organisation
        organisation._change_reason = CHANGE_REASON
        organisation.save()
        self.organisations[parsed.ico] = organisation
        return organisation

    def refresh_provider(self, organisation, parsed):
        changed = False
        if organisation.name != parsed.name:
            organisation.name = parsed.name
            self.renamed_providers.add(organisation.pk)
            changed = True
        for name in ("web", "email", "phone"):
            if not getattr(organisation, name) and getattr(parsed, name):
                setattr(organisation, name, getattr(parsed, name))
                changed = True
        self.report.providers_updated += changed
        return changed

    # --- writing in bulk ---

    def write_pending(self):
        updated = [service for service, _parsed in self.pending if service.pk]
        self.delete_children([service.pk for service in updated])
        rows = [(service, parsed, [self.facility(facility) for facility in parsed.facilities]) for service, parsed in self.pending]
        for service, parsed, facilities in rows:
            target_groups = [self.entry(TargetGroup, code) for code in parsed.target_group_codes]
            service_index(service, facilities=facilities, target_groups=target_groups, forms=list(parsed.forms))
        created = [service for service, _parsed in self.pending if service.pk is None]
        bulk_create_with_history(created, Service, batch_size=BATCH_SIZE, default_change_reason=CHANGE_REASON)
        for service in updated:
            service.save()
        self.write_children(rows)

    @staticmethod
    def delete_children(service_ids):
        """Forms, capacities, facilities and codebook links of changed services are written anew."""
        for start in range(0, len(service_ids), BATCH_SIZE):
            chunk = service_ids[start:start + BATCH_SIZE]
            ServiceForm.objects.filter(service__in=chunk).delete()
            Facility.objects.filter(service__in=chunk).delete()
            Service.target_groups.through.objects.filter(service__in=chunk).delete()
            Service.age_groups.through.objects.filter(service__in=chunk).delete()

    def write_children(self, rows):
        facilities, forms, capacities, target_groups, age_groups = [], [], [], [], []
        for service, parsed, service_facilities in rows:
            for facility in service_facilities:
                facility.service = service
                facility.latitude, facility.longitude = self.coordinates.get(facility.address_point, (None, None))
            facilities += service_facilities
            for form, (nonstop, form_capacities) in parsed.forms.items():
                service_form = ServiceForm(service=service, form=form, nonstop=nonstop)
                forms.append(service_form)
                capacities += [
                    Capacity(service_form=service_form, capacity_type=self.entry(CapacityType, code), count=count, note=note)
                    for code, count, note in form_capacities
                ]
            target_groups += [Service.target_groups.through(service=service, targetgroup=self.entry(TargetGroup, code))
                              for code in parsed.target_group_codes]
            age_groups += [Service.age_groups.through(service=service, agegroup=self.entry(AgeGroup, code))
                           for code in parsed.age_group_codes]
        for model, objects in ((Facility, facilities), (ServiceForm, forms), (Capacity, capacities),
                               (Service.target_groups.through, target_groups), (Service.age_groups.through, age_groups)):
            model.objects.bulk_create(objects, batch_size=BATCH_SIZE)

    def find_missing(self):
        """The active services imported earlier that the file no longer lists, into the report."""
        active = [service for service in self.existing.by_portal_id.values() if service.status != Service.Status.ENDED]
        self.missing = sorted(
            (service for service in active if service.registry_id not in self.portal_ids),
            key=lambda service: (service.sort_name or service.name.lower(), service.registry_id),
        )
        self.report.active = len(active)
        self.report.ending_limit = ending_limit(len(active))
        self.report.ending = [EndingService(service.registry_id, service.name, service.provider.name) for service in self.missing]

    def end_missing(self):
        """Services imported earlier that the registry no longer lists are ended, not deleted."""
        for service in self.missing:
            service.status = Service.Status.ENDED
            service._change_reason = ENDED_REASON
            service.save(update_fields=["status", "updated_at"])
            self.report.ended += 1

    def reindex_renamed_providers(self):
        """Search columns hold the provider's name: refresh them where the name changed."""
        touched = {service.pk for service, _parsed in self.pending}
        for service in Service.objects.filter(provider__in=self.renamed_providers).select_related("provider", "service_type", "activity_category"):
            if service.pk not in touched:
                service_index(service)
                Service.objects.filter(pk=service.pk).update(
                    search_name=service.search_name, search_text=service.search_text, sort_name=service.sort_name,
                    facet_keys=service.facet_keys,
                )
