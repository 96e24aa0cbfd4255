"""What every export says about itself: licence, source and personal-data notes of the dataset.

Operators who publish under other terms change the constants here; CSV (no metadata), XLSX
(sheet "O datech"), JSON and HSDS all read them through ``dataset_metadata``.
"""

from django.utils import timezone

# Licence of the catalogue as a whole (the area's own descriptions, activities, coordinates).
# Operators who publish under other terms change it here; every format reads these constants.
LICENCE = "Creative Commons Uveďte původ 4.0 (CC BY 4.0)"
LICENCE_ID = "CC-BY-4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.cs"
LICENCE_NOTE = (
    "Údaje převzaté z Registru poskytovatelů sociálních služeb (data.mpsv.cz) jsou otevřená data MPSV, "
    "která lze užít bez licenčních povinností; licence CC BY 4.0 se týká údajů doplněných v katalogu."
)
SOURCE = "OpenKP – katalog sociálních služeb; registrované služby podle Registru poskytovatelů sociálních služeb MPSV"
REGISTRY_URL = "https://data.mpsv.cz/od/soubory/rpss/rpss.json"
PERSONAL_DATA_NOTE = (
    "Neobsahuje osobní údaje: jen údaje o organizacích a kontakty zveřejněné u služby, "
    "žádná jména osob, statutárních orgánů ani vedoucích zařízení."
)


def dataset_metadata(area, count):
    """What the data are, whose, under which terms; shared by JSON, HSDS and the XLSX sheet."""
    return {
        "title": f"Katalog sociálních služeb – {area.name}",
        "description": (
            "Registrované sociální služby a související aktivity v území, jak je zveřejňuje "
            "katalog komunitního plánování. Jeden záznam = jedna služba (registrace) nebo aktivita."
        ),
        "area": {"slug": area.slug, "name": area.name},
        "publisher": area.office_name or area.name,
        "licence": LICENCE,
        "licence_id": LICENCE_ID,
        "licence_url": LICENCE_URL,
        "licence_note": LICENCE_NOTE,
        "source": SOURCE,
        "registry_source_url": REGISTRY_URL,
        "personal_data": PERSONAL_DATA_NOTE,
        "generated_at": timezone.now().replace(microsecond=0).isoformat(),
        "record_count": count,
    }
