from django.urls import path

from . import views

app_name = "calendar"

urlpatterns = [
    path("", views.month, name="month"),
    path("subscribe/", views.subscribe, name="subscribe"),
    path("subscribe/reset/", views.feed_reset, name="feed_reset"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
