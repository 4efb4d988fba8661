from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("", views.PartnershipListView.as_view(), name="partnership_list"),
    path("new/", views.PartnershipCreateView.as_view(), name="partnership_create"),
    path("board/", views.board, name="board"),
    path("autocomplete/", views.partnership_autocomplete, name="partnership_autocomplete"),
    path("<int:pk>/", views.PartnershipDetailView.as_view(), name="partnership_detail"),
    path("<int:pk>/brief/", views.partnership_brief, name="partnership_brief"),
    path("<int:pk>/edit/", views.PartnershipUpdateView.as_view(), name="partnership_update"),
    path("<int:pk>/delete/", views.PartnershipDeleteView.as_view(), name="partnership_delete"),
    path("<int:pk>/stage/", views.partnership_move, name="partnership_move"),
    path("<int:pk>/interactions/new/", views.partnership_log_interaction, name="partnership_log_interaction"),
    path("agreements/", views.AgreementListView.as_view(), name="agreement_list"),
    path("agreements/new/", views.AgreementCreateView.as_view(), name="agreement_create"),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="agreement_detail"),
    path("agreements/<int:pk>/edit/", views.AgreementUpdateView.as_view(), name="agreement_update"),
    path("agreements/<int:pk>/delete/", views.AgreementDeleteView.as_view(), name="agreement_delete"),
    path("agreements/<int:pk>/document/", views.agreement_document, name="agreement_document"),
    path("reviews/", views.VoluntaryReviewListView.as_view(), name="review_list"),
    path("reviews/new/", views.VoluntaryReviewCreateView.as_view(), name="review_create"),
    path("reviews/<int:pk>/", views.VoluntaryReviewDetailView.as_view(), name="review_detail"),
    path("reviews/<int:pk>/edit/", views.VoluntaryReviewUpdateView.as_view(), name="review_update"),
    path("reviews/<int:pk>/delete/", views.VoluntaryReviewDeleteView.as_view(), name="review_delete"),
]
