from django.urls import path

from . import saved_views

app_name = "web"

urlpatterns = [
    path("save/", saved_views.saved_view_save, name="saved_view_save"),
    path("<int:pk>/delete/", saved_views.saved_view_delete, name="saved_view_delete"),
]
