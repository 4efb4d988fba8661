from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.healthz, name="healthz"),
    # Browsers ask for /favicon.ico on pages (the admin's) that do not name the icon.
    path("favicon.ico", views.favicon, name="favicon"),
]
