"""The demo news send people only to sections that the area's menu or home page offers."""

import re

import pytest

from openkp.communication.models import NewsItem
from openkp.core.models import Area
from openkp.core.sections import SECTIONS, keys_with_content

pytestmark = pytest.mark.django_db

# "v části Plán" → the section whose menu label or title begins with the named word.
SECTION_REFERENCE = re.compile(r"v části (\w+)")


def _offered(area):
    present = keys_with_content(area)
    names = set()
    for key, (_url, label, title, _description) in SECTIONS.items():
        if key in present:
            names |= {str(label or "").split()[0] if label else "", str(title).split()[0]}
    return names - {""}


@pytest.mark.parametrize("slug", ["ostrava", "hlucinsko"])
def test_news_refer_only_to_sections_that_exist(demo, slug):
    area = Area.objects.get(slug=slug)
    offered = _offered(area)
    referred = {name for item in NewsItem.objects.for_area(area) for name in SECTION_REFERENCE.findall(f"{item.perex} {item.body}")}
    assert referred or slug != "ostrava", "the demo news of Ostrava point people to sections"
    assert referred <= offered, referred - offered


def test_demo_menu_has_no_placeholders(client, demo):
    html = client.get("/ostrava/").content.decode()
    for section in ("organizace", "akce", "sluzby", "potreby", "plan"):
        assert f'href="/ostrava/{section}/"' in html
    assert 'href="/ostrava/pripominky/"' not in html and 'href="/ostrava/monitoring/"' not in html
    region = client.get("/moravskoslezsky-kraj/sluzby/").content.decode()
    assert 'href="/ostrava/sluzby/"' in region and 'href="/hlucinsko/sluzby/"' in region
