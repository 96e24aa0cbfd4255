from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from openkp.api import views as api_views
from openkp.core import views as core_views

admin.site.site_header = "OpenKP – správa"
admin.site.site_title = "OpenKP"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("openkp.api.urls")),
    re_path(r"^api/", api_views.not_found),  # before the pages: nothing under /api/ is a page
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("openkp.accounts.urls")),
    path("", include("openkp.catalog.urls")),
    path("", include("openkp.structures.urls")),
    path("", include("openkp.events.urls")),
    path("", include("openkp.communication.urls")),
    path("", include("openkp.library.urls")),
    path("", include("openkp.needs.urls")),
    path("", include("openkp.plans.urls")),
    path("", include("openkp.core.urls")),
]

handler403 = "openkp.core.views.error_403"
handler404 = "openkp.core.views.error_404"
handler500 = "openkp.api.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
