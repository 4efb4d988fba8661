from django.urls import path

from . import two_factor_views as views

app_name = "two_factor"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("verify/", views.verify, name="verify"),
    path("setup/", views.setup, name="setup"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("disable/", views.disable, name="disable"),
]
