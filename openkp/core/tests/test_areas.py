import pytest
from django.core.exceptions import ValidationError

from openkp.accounts.models import Membership
from openkp.accounts.tests.factories import MembershipFactory
from openkp.core.models import Area
from openkp.core.tests.factories import AreaFactory, MunicipalityFactory


def test_area_home_shows_the_area_and_its_municipalities(client, area):
    area.municipalities.add(MunicipalityFactory(code="507580", name="Kravaře"), MunicipalityFactory(code="506214", name="Bolatice"))
    response = client.get("/mesto/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Město Testov</h1>" in html
    assert "Kravaře" in html and "Bolatice" in html
    assert response.wsgi_request.area == area


def test_unknown_area_is_a_czech_404_page(client, db):
    response = client.get("/neexistuje/")
    assert response.status_code == 404
    assert "Stránka nenalezena" in response.content.decode() or "nenalezen" in response.content.decode()


def test_inactive_area_is_hidden_from_the_public(client, area):
    area.is_active = False
    area.save()
    assert client.get("/mesto/").status_code == 404
    assert "Město Testov" not in client.get("/").content.decode()


def test_reserved_slug_is_rejected(db):
    area = Area(slug="admin", name="Admin", kind=Area.Kind.MUNICIPALITY)
    with pytest.raises(ValidationError) as error:
        area.full_clean()
    assert "vyhrazena" in error.value.message_dict["slug"][0]


def test_area_cannot_be_its_own_ancestor(db):
    region = AreaFactory(slug="kraj", kind=Area.Kind.REGION)
    city = AreaFactory(slug="mesto2", parent=region)
    region.parent = city
    with pytest.raises(ValidationError):
        region.full_clean()


def test_for_area_returns_only_that_areas_rows(area, other_area):
    mine = MembershipFactory(area=area)
    MembershipFactory(area=other_area)
    assert list(Membership.objects.for_area(area)) == [mine]


def test_home_lists_active_areas_with_parent(client, area):
    region = AreaFactory(slug="kraj", name="Testovací kraj", kind=Area.Kind.REGION)
    area.parent = region
    area.save()
    html = client.get("/").content.decode()
    assert "Město Testov" in html and "Testovací kraj" in html


def test_every_section_address_answers_even_without_content(client, area):
    for path in ["organizace", "akce", "sluzby", "potreby", "plan", "pripominky", "monitoring", "aktuality", "dokumenty"]:
        assert client.get(f"/mesto/{path}/").status_code == 200, path
    placeholder = client.get("/mesto/pripominky/").content.decode()
    assert "Připomínky k návrhu plánu" in placeholder and "se právě připravuje" in placeholder


def test_area_pages_use_few_queries(client, area, django_assert_max_num_queries):
    for _n in range(20):
        area.municipalities.add(MunicipalityFactory())
    with django_assert_max_num_queries(6):
        client.get("/mesto/")
    with django_assert_max_num_queries(4):
        client.get("/")


def test_superuser_creates_an_area_in_the_admin_without_code_changes(client, db):
    from openkp.accounts.tests.factories import UserFactory

    client.force_login(UserFactory(username="spravce", is_superuser=True, is_staff=True))
    municipality = MunicipalityFactory(code="569101", name="Třebom")
    response = client.post("/admin/core/area/add/", {
        "slug": "trebom", "name": "Obec Třebom", "kind": "municipality", "municipalities": [municipality.pk],
        "is_active": "on",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    html = client.get("/trebom/").content.decode()
    assert "<h1>Obec Třebom</h1>" in html and "Třebom" in html


def test_500_page_renders_without_context(rf):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "500" in html and 'lang="cs"' in html
