"""The tabular exports: CSV (for Excel with Czech settings), XLSX with an "O datech" sheet, and
JSON with lists kept as lists."""

from openkp.core.csv_export import dict_csv_bytes
from openkp.core.spreadsheets import add_table, new_workbook, workbook_bytes

from .metadata import dataset_metadata
from .rows import COLUMNS, capacity_text, current_facilities, decimal_or_none, municipality_code, public_services, service_row


def export_csv(area):
    """UTF-8 with BOM and ``;`` so that Excel with Czech settings opens it without an import wizard."""
    return dict_csv_bytes([key for key, _label, _width in COLUMNS], (service_row(area, service) for service in public_services(area)))


def export_xlsx(area):
    """The same columns as the CSV, with Czech headings, and a sheet "O datech" on licence and source."""
    from openpyxl.styles import Alignment, Font

    services = list(public_services(area))
    workbook = new_workbook()
    add_table(workbook, "Služby", [(label, width) for _key, label, width in COLUMNS], (
        [row[key] for key, _label, _width in COLUMNS] for row in (service_row(area, service) for service in services)
    ))

    about = workbook.create_sheet("O datech")
    metadata = dataset_metadata(area, len(services))
    about.append(["Údaj", "Hodnota"])
    for cell in about[1]:
        cell.font = Font(bold=True)
    for label, key in (
        ("Název", "title"), ("Popis", "description"), ("Vydavatel", "publisher"), ("Licence", "licence"),
        ("Text licence", "licence_url"), ("Údaje z registru MPSV", "licence_note"), ("Zdroj", "source"),
        ("Registr MPSV", "registry_source_url"), ("Osobní údaje", "personal_data"),
        ("Vytvořeno", "generated_at"), ("Počet záznamů", "record_count"),
    ):
        about.append([label, metadata[key]])
    about.append([])
    about.append(["Sloupec (klíč v CSV a JSON)", "Význam"])
    about.cell(row=about.max_row, column=1).font = Font(bold=True)
    about.cell(row=about.max_row, column=2).font = Font(bold=True)
    for key, label, _width in COLUMNS:
        about.append([key, label])
    about.column_dimensions["A"].width = 30
    about.column_dimensions["B"].width = 100
    for row in about.iter_rows(min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")

    return workbook_bytes(workbook)


def service_record(area, service, today=None):
    """One service for the JSON export: the flat row's facts with lists kept as lists."""
    row = service_row(area, service, today)
    return {
        "id": service.pk,
        "registry_id": service.registry_id,
        "kind": service.kind,
        "name": service.name,
        "provider": {"name": service.provider.name, "ico": service.provider.ico or None},
        "service_type": (
            {"section": service.service_type.section, "name": service.service_type.name, "code": service.service_type.code}
            if service.service_type else None
        ),
        "activity_category": service.activity_category.name if service.activity_category else None,
        "target_groups": [{"name": str(group), "code": group.code} for group in service.target_groups.all()],
        "forms": [
            {
                "form": service_form.form,
                "label": service_form.get_form_display(),
                "nonstop": service_form.nonstop,
                "capacities": [
                    {"type": capacity.capacity_type.number, "count": capacity.count, "text": capacity_text(capacity)}
                    for capacity in service_form.capacities.all()
                ],
            }
            for service_form in service.forms.all()
        ],
        "capacities": row["capacities"],
        "facilities": [
            {
                "name": facility.name,
                "address": facility.address,
                "municipality_code": municipality_code(facility) or None,
                "municipality": facility.municipality.name if facility.municipality else None,
                "postcode": facility.postcode or None,
                "address_point": facility.address_point,
                "latitude": decimal_or_none(facility.latitude),
                "longitude": decimal_or_none(facility.longitude),
            }
            for facility in current_facilities(service, today)
        ],
        "email": service.email or None,
        "phone": service.phone or None,
        "web": service.web or None,
        "opening_hours": service.opening_hours or None,
        "valid_from": service.valid_from.isoformat() if service.valid_from else None,
        "updated_at": service.updated_at.isoformat() if service.updated_at else None,
        "detail_url": row["detail_url"],
    }


def export_json(area):
    """``{"dataset": {… licence, source …}, "fields": {…}, "services": [...]}``."""
    services = [service_record(area, service) for service in public_services(area)]
    return {
        "dataset": dataset_metadata(area, len(services)),
        "fields": {key: label for key, label, _width in COLUMNS},
        "services": services,
    }
