from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [path("activity/", views.activity_report, name="activity")]
