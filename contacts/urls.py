from django.urls import path

from . import views
from .duplicates import views as duplicates
from .importing import views as imports
from .merging import views as merging
from .merging.redirects import follows_merges
from .models import Organisation, Person

# The pages of a merged-away record that answer 301 to the same page of the survivor.
person_page = follows_merges(Person)
organisation_page = follows_merges(Organisation)

app_name = "contacts"

urlpatterns = [
    path("import/", imports.import_start, name="import_start"),
    path("import/<int:pk>/", imports.import_detail, name="import_detail"),
    path("import/<int:pk>/map/", imports.import_map, name="import_map"),
    path("import/<int:pk>/progress/", imports.import_progress, name="import_progress"),
    path("import/<int:pk>/commit/", imports.import_commit, name="import_commit"),
    path("import/<int:pk>/undo/", imports.import_undo_view, name="import_undo"),
    path("organisations/autocomplete/", views.organisation_autocomplete, name="organisation_autocomplete"),
    path("organisations/", views.OrganisationList.as_view(), name="organisation_list"),
    path("organisations/duplicates/", duplicates.organisation_duplicates, name="organisation_duplicates"),
    path(
        "organisations/duplicates/<int:pk>/not-duplicate/",
        duplicates.organisation_not_duplicate,
        name="organisation_not_duplicate",
    ),
    path("organisations/new/", views.OrganisationCreate.as_view(), name="organisation_create"),
    path("organisations/<int:pk>/", organisation_page(views.OrganisationDetail.as_view()), name="organisation_detail"),
    path(
        "organisations/<int:pk>/edit/",
        organisation_page(views.OrganisationUpdate.as_view()),
        name="organisation_update",
    ),
    path("organisations/<int:pk>/merge/", merging.organisation_merge_start, name="organisation_merge_start"),
    path("organisations/merge/<int:keep>/<int:other>/", merging.organisation_merge, name="organisation_merge"),
    path("organisations/<int:pk>/delete/", views.OrganisationDelete.as_view(), name="organisation_delete"),
    path(
        "organisations/<int:pk>/interactions/new/",
        organisation_page(views.organisation_log_interaction),
        name="organisation_log_interaction",
    ),
    path("people/autocomplete/", views.person_autocomplete, name="person_autocomplete"),
    path("people/", views.PersonList.as_view(), name="person_list"),
    path("people/duplicates/", duplicates.person_duplicates, name="person_duplicates"),
    path("people/duplicates/<int:pk>/not-duplicate/", duplicates.person_not_duplicate, name="person_not_duplicate"),
    path("people/new/", views.PersonCreate.as_view(), name="person_create"),
    path("people/retention/", views.retention_review, name="retention_review"),
    path("people/<int:pk>/", person_page(views.PersonDetail.as_view()), name="person_detail"),
    path("people/<int:pk>/edit/", person_page(views.PersonUpdate.as_view()), name="person_update"),
    path("people/<int:pk>/merge/", merging.person_merge_start, name="person_merge_start"),
    path("people/merge/<int:keep>/<int:other>/", merging.person_merge, name="person_merge"),
    path("people/<int:pk>/delete/", views.PersonDelete.as_view(), name="person_delete"),
    path("people/<int:pk>/vcard/", person_page(views.person_vcard), name="person_vcard"),
    path("people/<int:pk>/data/", views.person_data_export, name="person_data_export"),
    path("people/<int:pk>/erase/", views.person_erase, name="person_erase"),
    path("people/<int:pk>/consents/new/", views.consent_record, name="consent_record"),
    path("people/<int:pk>/interactions/new/", person_page(views.person_log_interaction), name="person_log_interaction"),
    path("people/<int:pk>/posts/new/", person_page(views.affiliation_start), name="affiliation_create"),
    path("posts/<int:pk>/edit/", views.AffiliationUpdate.as_view(), name="affiliation_update"),
    path("posts/<int:pk>/end/", views.affiliation_end, name="affiliation_end"),
    path("posts/<int:pk>/delete/", views.AffiliationDelete.as_view(), name="affiliation_delete"),
    path("interactions/", views.InteractionList.as_view(), name="interaction_list"),
    path("interactions/new/", views.InteractionCreate.as_view(), name="interaction_create"),
    path("interactions/<int:pk>/", views.InteractionDetail.as_view(), name="interaction_detail"),
    path("interactions/<int:pk>/edit/", views.InteractionUpdate.as_view(), name="interaction_update"),
    path("interactions/<int:pk>/delete/", views.InteractionDelete.as_view(), name="interaction_delete"),
    path(
        "interactions/<int:pk>/follow-up-done/",
        views.interaction_follow_up_done,
        name="interaction_follow_up_done",
    ),
]
