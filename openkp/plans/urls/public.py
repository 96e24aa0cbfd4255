from django.urls import path

from ..views import public

urlpatterns = [
    path("<slug:area_slug>/plan/", public.current, name="public"),
    path("<slug:area_slug>/plan/<int:pk>/", public.earlier, name="public_plan"),
]
