"""Forums, trainings and other events, the programmes that group them, participation and missions."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from liaison.reference.models import SDG, Theme
from liaison.search.matching import search_indexes, search_text_field
from liaison.web.models import Owned, TimeStamped


class Programme(TimeStamped, Owned):
    """A capacity-development plan grouping events, with targets to measure progress against."""

    title = models.CharField(_("title"), max_length=255)
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))
    objectives = models.TextField(_("objectives"), blank=True)
    target_people_trained = models.PositiveIntegerField(_("target: people to train"), null=True, blank=True)
    target_local_governments = models.PositiveIntegerField(
        _("target: local governments to reach"), null=True, blank=True
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="programmes")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="programme_ends_after_start")
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:programme_detail", args=[self.pk])

    def progress(self):
        """People trained, share of women and local governments reached, against the targets."""
        from .selectors import programme_progress

        return programme_progress(self)


class EventQuerySet(models.QuerySet):
    def between(self, start, end):
        """Events that overlap the local dates start..end (inclusive)."""
        return self.filter(start__date__lte=end, end__date__gte=start)

    def trainings(self):
        return self.filter(kind__in=Event.TRAINING_KINDS)

    def office_takes_part(self):
        """Events the office has a role in and that are still going ahead."""
        return self.exclude(office_role="").filter(status__in=[Event.Status.PLANNED, Event.Status.CONFIRMED])


class Event(TimeStamped, Owned):
    class Kind(models.TextChoices):
        FORUM = "forum", _("Forum")
        CONFERENCE = "conference", _("Conference")
        TRAINING = "training", _("Training")
        WORKSHOP = "workshop", _("Workshop")
        WEBINAR = "webinar", _("Webinar")
        TECHNICAL_EXCHANGE = "technical_exchange", _("Technical exchange")
        STUDY_VISIT = "study_visit", _("Study visit")
        MEETING = "meeting", _("Meeting")
        CONSULTATION = "consultation", _("Consultation")

    class Level(models.TextChoices):
        LOCAL = "local", _("Local")
        STATE = "state", _("State")
        NATIONAL = "national", _("National")
        REGIONAL = "regional", _("Regional")
        INTERNATIONAL = "international", _("International")

    class OfficeRole(models.TextChoices):
        ORGANISER = "organiser", _("Organiser")
        CO_ORGANISER = "co_organiser", _("Co-organiser")
        SPEAKER = "speaker", _("Speaker")
        PARTICIPANT = "participant", _("Participant")
        SPONSOR = "sponsor", _("Sponsor")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONFIRMED = "confirmed", _("Confirmed")
        HELD = "held", _("Held")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    # Attending one of these counts as being trained.
    TRAINING_KINDS = (Kind.TRAINING, Kind.WORKSHOP)

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    level = models.CharField(_("level"), max_length=15, choices=Level.choices, default=Level.NATIONAL)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), default="MY", blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    at_training_hub = models.BooleanField(
        _("held at the DBKL training hub"), default=False, help_text=_("Kuala Lumpur City Hall's training institute.")
    )
    organisers = models.ManyToManyField(
        "contacts.Organisation", verbose_name=_("organisers"), blank=True, related_name="organised_events"
    )
    office_role = models.CharField(
        _("the office's role"),
        max_length=15,
        choices=OfficeRole.choices,
        blank=True,
        help_text=_("Leave empty when the office does not take part."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="events")
    sdgs = models.ManyToManyField(SDG, verbose_name=_("SDGs"), blank=True, related_name="events")
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    description = models.TextField(_("description"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    report_due = models.DateField(_("report due"), null=True, blank=True)
    published = models.BooleanField(
        _("on the public feed"),
        default=False,
        help_text=_("Listed, once confirmed or planned and not yet over, on the website's public event feed."),
    )
    # The interactions (in Contacts) about this event: Events owns the link.
    interactions = models.ManyToManyField(
        "contacts.Interaction", verbose_name=_("interactions"), blank=True, related_name="events"
    )

    # What global search matches (liaison.search.registry), kept by the database itself.
    search_text = search_text_field("title", "venue", "city")
    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["start"]), models.Index(fields=["kind", "start"]), *search_indexes("event")]
        constraints = [models.CheckConstraint(condition=Q(end__gte=F("start")), name="event_ends_after_start")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event_detail", args=[self.pk])

    @property
    def is_training(self):
        return self.kind in self.TRAINING_KINDS

    @property
    def place(self):
        parts = [self.venue, self.city, self.country.name if self.country else ""]
        return ", ".join(part for part in parts if part)

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)


class ParticipationQuerySet(models.QuerySet):
    def attended(self):
        return self.filter(status=Participation.Status.ATTENDED)

    def trained(self):
        """Attendances at trainings and workshops: what "people trained" counts."""
        return self.attended().filter(event__kind__in=Event.TRAINING_KINDS)


class Participation(TimeStamped):
    """Who took part in an event, how, and the organisation they came from at the time."""

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        SPEAKER = "speaker", _("Speaker")
        TRAINER = "trainer", _("Trainer")
        MODERATOR = "moderator", _("Moderator")
        ORGANISER = "organiser", _("Organiser")
        DELEGATE = "delegate", _("Delegate")

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        REGISTERED = "registered", _("Registered")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("No-show")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participations")
    # Protected: the figures of people trained must not change when a contact is deleted.
    person = models.ForeignKey(
        "contacts.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.PARTICIPANT)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.INVITED)
    # Copied from the person's current affiliation when added, and kept when they later move.
    organisation = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("organisation at the time"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
    )
    position = models.CharField(_("position at the time"), max_length=200, blank=True)
    notes = models.CharField(_("notes"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = ParticipationQuerySet.as_manager()

    class Meta:
        ordering = ["person__full_name"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [models.UniqueConstraint(fields=["person", "event"], name="participation_once_per_event")]
        indexes = [models.Index(fields=["event", "status"])]

    def __str__(self):
        return f"{self.person} — {self.event}"

    def get_absolute_url(self):
        return self.event.get_absolute_url()


class MissionQuerySet(models.QuerySet):
    def reports_pending(self):
        """Missions that went ahead and whose back-to-office report is not in yet."""
        return self.filter(report_due__isnull=False, report_done__isnull=True).exclude(
            approval__in=[Mission.Approval.REJECTED, Mission.Approval.CANCELLED]
        )

    def between(self, start, end):
        return self.filter(start_date__lte=end, end_date__gte=start)


class Mission(TimeStamped):
    """Travel to represent the office, and the back-to-office report that follows."""

    class Approval(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        CANCELLED = "cancelled", _("Cancelled")

    traveller = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("traveller"), on_delete=models.PROTECT, related_name="missions"
    )
    destination = models.CharField(_("destination"), max_length=200)
    country = CountryField(_("country"), blank=True)
    start_date = models.DateField(_("departure"))
    end_date = models.DateField(_("return"))
    purpose = models.TextField(_("purpose"))
    events = models.ManyToManyField(Event, verbose_name=_("events"), blank=True, related_name="missions")
    approval = models.CharField(_("approval"), max_length=10, choices=Approval.choices, default=Approval.DRAFT)
    report_due = models.DateField(_("back-to-office report due"), null=True, blank=True)
    report_done = models.DateField(_("back-to-office report done"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    objects = MissionQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="mission_returns_after_departure")
        ]
        indexes = [
            # The back-to-office report reminders read pending reports by due date.
            models.Index(fields=["report_due"], name="mission_report_pending", condition=Q(report_done__isnull=True))
        ]

    def __str__(self):
        return f"{self.destination} ({date_format(self.start_date)})"

    def get_absolute_url(self):
        return reverse("events:mission_detail", args=[self.pk])
