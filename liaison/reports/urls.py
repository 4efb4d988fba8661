from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("activity/", views.activity_report, name="activity"),
    path("activity/jobs/<int:pk>/", views.job, name="job"),
    path("activity/jobs/<int:pk>/download/", views.job_download, name="job_download"),
]
