from django.urls import path

from . import views

app_name = "funding"

urlpatterns = [
    path("", views.OpportunityListView.as_view(), name="opportunity_list"),
    path("pipeline/", views.PipelineView.as_view(), name="pipeline"),
    path("new/", views.OpportunityCreateView.as_view(), name="opportunity_create"),
    path("<int:pk>/", views.OpportunityDetailView.as_view(), name="opportunity_detail"),
    path("<int:pk>/edit/", views.OpportunityUpdateView.as_view(), name="opportunity_update"),
    path("<int:pk>/delete/", views.OpportunityDeleteView.as_view(), name="opportunity_delete"),
    path("<int:pk>/status/", views.opportunity_status, name="opportunity_status"),
    path("<int:pk>/interactions/new/", views.opportunity_log_interaction, name="opportunity_log_interaction"),
    path("<int:pk>/milestones/new/", views.milestone_add, name="milestone_add"),
    path("milestones/<int:pk>/done/", views.milestone_done, name="milestone_done"),
]
