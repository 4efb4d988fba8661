from django.urls import path

from . import feed, public, views

app_name = "events"

urlpatterns = [
    path("", views.EventListView.as_view(), name="event_list"),
    path("new/", views.EventCreateView.as_view(), name="event_create"),
    path("autocomplete/", views.event_autocomplete, name="event_autocomplete"),
    path("<int:pk>/", views.EventDetailView.as_view(), name="event_detail"),
    path("<int:pk>/edit/", views.EventUpdateView.as_view(), name="event_update"),
    path("<int:pk>/delete/", views.EventDeleteView.as_view(), name="event_delete"),
    path("<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("<int:pk>/interactions/new/", views.event_log_interaction, name="event_log_interaction"),
    path("<int:pk>/participants/add/", views.participants_add, name="participants_add"),
    path("<int:pk>/participants/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/participants/export/", views.participants_export, name="participants_export"),
    path("<int:pk>/invitations/export/", views.invitation_list, name="invitation_list"),
    path("<int:pk>/registration/", views.registrations, name="registrations"),
    path("<int:pk>/check-in/", views.check_in_view, name="check_in"),
    path("<int:pk>/sign-in-sheet/", views.sign_in_sheet, name="sign_in_sheet"),
    path("<int:pk>/sign-in-sheet/ticks/", views.sign_in_ticks, name="sign_in_ticks"),
    path("<int:pk>/invitations/", views.invitations_view, name="invitations"),
    path("<int:pk>/feedback/send/", views.feedback_send, name="feedback_send"),
    # Public: the only pages reachable without logging in (events/public.py).
    path("register/<str:code>/", public.register, name="register"),
    path("register/<str:code>/thanks/", public.registration_thanks, name="registration_thanks"),
    path("registration/cancel/<str:token>/", public.registration_cancel_view, name="registration_cancel"),
    path("feed/upcoming.json", feed.feed_json, name="public_feed_json"),
    path("feed/upcoming.ics", feed.feed_ics, name="public_feed_ics"),
    path("participations/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    path("certificates/verify/", public.certificate_verify, name="certificate_verify"),
    path("feedback/<str:token>/", public.feedback, name="feedback"),
    path("participations/<int:pk>/remove/", views.participation_remove, name="participation_remove"),
    path("people-trained/", views.TrainedPeopleList.as_view(), name="people_trained"),
    path("programmes/", views.ProgrammeListView.as_view(), name="programme_list"),
    path("programmes/new/", views.ProgrammeCreateView.as_view(), name="programme_create"),
    path("programmes/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.ProgrammeUpdateView.as_view(), name="programme_update"),
    path("programmes/<int:pk>/delete/", views.ProgrammeDeleteView.as_view(), name="programme_delete"),
    path("missions/", views.MissionListView.as_view(), name="mission_list"),
    path("missions/new/", views.MissionCreateView.as_view(), name="mission_create"),
    path("missions/<int:pk>/", views.MissionDetailView.as_view(), name="mission_detail"),
    path("missions/<int:pk>/edit/", views.MissionUpdateView.as_view(), name="mission_update"),
    path("missions/<int:pk>/delete/", views.MissionDeleteView.as_view(), name="mission_delete"),
    path("missions/<int:pk>/report/", views.mission_report, name="mission_report"),
    path("missions/<int:pk>/report/document/", views.mission_report_document, name="mission_report_document"),
]
