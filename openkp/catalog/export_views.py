"""Open-data downloads of an area's catalogue. Public: these are open data, no login."""

import json

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from openkp.core.csv_export import CSV_MIME
from openkp.core.spreadsheets import XLSX_MIME

from . import exports

# fmt → (builder, content type, file name pattern)
FORMATS = {
    "csv": (exports.export_csv, CSV_MIME, "katalog-{slug}.csv"),
    "xlsx": (exports.export_xlsx, XLSX_MIME, "katalog-{slug}.xlsx"),
    "json": (exports.export_json, "application/json; charset=utf-8", "katalog-{slug}.json"),
    "hsds": (exports.export_hsds, "application/json; charset=utf-8", "katalog-{slug}-hsds.json"),
}


@require_GET
def export(request, fmt):
    """``/<area>/sluzby/export.<fmt>``: the area's public catalogue as a download."""
    if fmt not in FORMATS:
        raise Http404(_("Formát „%(fmt)s“ neznáme; nabízíme CSV, XLSX, JSON a HSDS.") % {"fmt": fmt})
    build, content_type, filename = FORMATS[fmt]
    data = build(request.area)
    if isinstance(data, dict):
        data = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename.format(slug=request.area.slug)}"'
    # Open data may be fetched by other sites' scripts.
    response["Access-Control-Allow-Origin"] = "*"
    return response
