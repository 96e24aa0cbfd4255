from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("ucet/prihlaseni/", views.LoginView.as_view(), name="login"),
    path("ucet/odhlaseni/", auth_views.LogoutView.as_view(), name="logout"),
    path("ucet/heslo/obnova/", views.PasswordResetView.as_view(), name="password_reset"),
    path("ucet/heslo/obnova/odeslano/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"), name="password_reset_done"),
    path("ucet/heslo/obnova/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("ucet/heslo/obnova/hotovo/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"), name="password_reset_complete"),
    path("ucet/pozvanka/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("<slug:area_slug>/sprava/lide/", views.people, name="people"),
    path("<slug:area_slug>/sprava/lide/pozvanky/<int:pk>/zrusit/", views.invitation_revoke, name="invitation_revoke"),
]
