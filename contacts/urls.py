from django.urls import path

from . import views

app_name = "contacts"

urlpatterns = [
    path("organisations/autocomplete/", views.organisation_autocomplete, name="organisation_autocomplete"),
    path("people/autocomplete/", views.person_autocomplete, name="person_autocomplete"),
]
