"""JSON-LD on public pages keeps what people typed inside its script element.

Every text that reaches the schema.org data of an event or a service (written by a group manager, a provider,
a coordinator or taken from a code list) holds a payload that would close the script and redirect visitors if
it were printed raw. The parsed page must have no element from the payload, and the JSON must read back to the
stored text.
"""

import json
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.utils import timezone

from openkp.catalog.codebooks import load_seed_codebooks
from openkp.catalog.models import ActivityCategory, Service, ServiceType, TargetGroup
from openkp.catalog.tests.factories import ServiceFactory
from openkp.core.tests.factories import MunicipalityFactory, OrganisationFactory
from openkp.events.models import Event
from openkp.structures.models import Group, PlanningPeriod

# The attack from the report and its relatives; shorter ones for the short fields (IČO, house number, postcode).
PAYLOAD = ('</script><meta http-equiv="refresh" content="0;url=https://zly.example/">'
           "<img src=x onerror=alert(1)><svg onload=alert(2)>")
SHORT = "</script><img src=x>"  # 20 characters
SHORTEST = "</script>"
ICO = "<b>&</b>"  # the IČO column holds 8 characters (PostgreSQL enforces it)


def assert_payload_stays_in_json_ld(html):
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all("meta", attrs={"http-equiv": True}), "a meta http-equiv element escaped the script"
    assert not soup.find_all("img", src="x"), "an img element escaped the script"
    assert not [tag for tag in soup.find_all(True) if tag.has_attr("onerror") or tag.has_attr("onload")]
    assert not [svg for svg in soup.find_all("svg") if svg.has_attr("onload")]
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    raw = scripts[0].string
    assert "<" not in raw and ">" not in raw
    return json.loads(raw)


def strings_in(data):
    if isinstance(data, dict):
        return [text for value in data.values() for text in strings_in(value)]
    if isinstance(data, list):
        return [text for value in data for text in strings_in(value)]
    return [data] if isinstance(data, str) else []


@pytest.mark.django_db
def test_event_json_ld_keeps_every_typed_text_inside(client, area):
    area.office_name = "Úřad " + PAYLOAD
    area.save()
    period = PlanningPeriod.objects.create(area=area, name="Plán", start_year=2025, end_year=2028, is_current=True)
    group = Group.objects.create(area=area, period=period, name="Skupina " + PAYLOAD, slug="skupina")
    starts = timezone.now() + timedelta(days=7)
    event = Event.objects.create(
        area=area, period=period, group=group, kind=Event.Kind.WORKSHOP, title="Akce " + PAYLOAD,
        description="Program " + PAYLOAD, place="Sál " + PAYLOAD, address="Ulice " + PAYLOAD,
        online_link="https://meet.example/" + PAYLOAD, starts_at=starts, ends_at=starts + timedelta(hours=2),
        is_published=True,
    )

    response = client.get(f"/mesto/akce/{event.pk}/")

    assert response.status_code == 200
    data = assert_payload_stays_in_json_ld(response.content.decode())
    assert data["name"] == event.title and data["description"] == event.description
    assert data["organizer"]["name"] == area.office_name and data["organizer"]["department"]["name"] == group.name
    texts = strings_in(data)
    for stored in (event.place, event.address, event.online_link):
        assert stored in texts


@pytest.mark.django_db
def test_service_json_ld_keeps_every_typed_text_inside(client, area):
    load_seed_codebooks()
    town = MunicipalityFactory(code="999999", name="Obec " + PAYLOAD)
    area.municipalities.add(town)
    provider = OrganisationFactory(name="Poskytovatel " + PAYLOAD, ico=ICO)
    group = TargetGroup.objects.create(name="Skupina " + PAYLOAD)
    service = ServiceFactory(
        area=area, provider=provider, name="Služba " + PAYLOAD, description="Popis " + PAYLOAD,
        service_type=ServiceType.objects.create(name="Druh " + PAYLOAD, section="99"),
        phone="Telefon " + PAYLOAD[:80], email="a@example.cz" + PAYLOAD, target_groups=[group],
        facilities=[{"name": "Zařízení " + PAYLOAD, "street": "Ulice " + PAYLOAD, "house_number": SHORT,
                     "orientation_number": SHORT, "postcode": SHORTEST, "municipality": town}],
    )
    service.served_municipalities.add(town)
    activity = ServiceFactory(area=area, provider=provider, kind=Service.Kind.RELATED_ACTIVITY, service_type=None,
                              activity_category=ActivityCategory.objects.create(name="Kategorie " + PAYLOAD))

    response = client.get(f"/mesto/sluzby/{service.pk}/")

    assert response.status_code == 200
    data = assert_payload_stays_in_json_ld(response.content.decode())
    assert data["name"] == service.name and data["description"] == service.description
    assert data["provider"]["name"] == provider.name and data["provider"]["taxID"] == ICO
    assert data["provider"]["contactPoint"] == {"@type": "ContactPoint", "telephone": service.phone, "email": service.email}
    place = data["availableChannel"][0]["serviceLocation"]
    assert place["name"] == "Zařízení " + PAYLOAD and place["address"]["streetAddress"] == f"Ulice {PAYLOAD} {SHORT}/{SHORT}"
    assert place["address"]["postalCode"] == SHORTEST and place["address"]["addressLocality"] == town.name
    assert data["serviceType"] == str(service.service_type) and ("Druh " + PAYLOAD) in data["serviceType"]
    texts = strings_in(data)
    for stored in (group.name, town.name):
        assert stored in texts

    data = assert_payload_stays_in_json_ld(client.get(f"/mesto/sluzby/{activity.pk}/").content.decode())
    assert data["serviceType"] == "Kategorie " + PAYLOAD


def test_json_ld_tag_escapes_like_json_script():
    html = Template("{% load openkp %}{% json_ld data %}").render(Context({"data": {"a": "<b>&\u2028\u2029", "n": 1}}))
    assert html == ('<script type="application/ld+json">{"a": "\\u003Cb\\u003E\\u0026\\u2028\\u2029", "n": 1}</script>')
    assert json.loads(html.removeprefix('<script type="application/ld+json">').removesuffix("</script>"))["a"] == "<b>&\u2028\u2029"
