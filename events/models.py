"""Forums, trainings and other events, the programmes that group them, participation and missions."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from liaison.reference.models import SDG, Theme
from liaison.search.matching import search_indexes, search_text_field, text_matches
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
    target_women_share = models.PositiveSmallIntegerField(
        _("target: share of women (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
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
    def search(self, term):
        """Title, venue and city: every word, as a prefix or with a typo (the search room's full-text index)."""
        return text_matches(self, "search_text", term)

    def between(self, start, end):
        """Events that overlap the local dates start..end (inclusive)."""
        return self.filter(start__date__lte=end, end__date__gte=start)

    def trainings(self):
        return self.filter(kind__in=Event.TRAINING_KINDS)

    def office_takes_part(self):
        """Events the office has a role in and that are still going ahead."""
        return self.exclude(office_role="").filter(status__in=[Event.Status.PLANNED, Event.Status.CONFIRMED])

    def on_public_feed(self, now=None):
        """Events their owner chose to publish, still going ahead and not yet over (events/feed.py)."""
        return self.filter(
            published=True,
            status__in=[Event.Status.PLANNED, Event.Status.CONFIRMED],
            end__gte=now or timezone.now(),
        )


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
        indexes = [
            models.Index(fields=["start"]),
            models.Index(fields=["kind", "start"]),
            # The list's other sorts (EXPLAIN tests: events/tests/test_explain.py).
            models.Index(fields=["title"], name="event_title"),
            models.Index(fields=["level"], name="event_level"),
            models.Index(fields=["status"], name="event_status"),
            *search_indexes("event"),
        ]
        constraints = [models.CheckConstraint(condition=Q(end__gte=F("start")), name="event_ends_after_start")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:event_detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.report_due and self.end and self.report_due < timezone.localdate(self.end):
            raise ValidationError(
                {
                    "report_due": _("The report cannot be due before the event ends (%(end)s).")
                    % {"end": date_format(timezone.localdate(self.end))}
                }
            )

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
        WAITING = "waiting", _("Waiting list")
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

    def clean(self):
        super().clean()
        if self.report_due and self.end_date and self.report_due < self.end_date:
            raise ValidationError(
                {
                    "report_due": _("The back-to-office report cannot be due before the return (%(return)s).")
                    % {"return": date_format(self.end_date)}
                }
            )


class MissionReport(TimeStamped):
    """The back-to-office report of a mission; its follow-ups became interactions with follow-up dates."""

    mission = models.OneToOneField(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, related_name="back_to_office"
    )
    purpose = models.TextField(_("purpose"))
    meetings = models.TextField(_("meetings"), blank=True, help_text=_("Who the traveller met, one meeting a line."))
    outcomes = models.TextField(_("outcomes"), blank=True)
    follow_ups = models.TextField(
        _("follow-ups"),
        blank=True,
        help_text=_("One a line: person | date (YYYY-MM-DD) | what to do. Each becomes a follow-up in Contacts."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The follow-up interactions it created (Events owns the link, as for events' interactions).
    interactions = models.ManyToManyField(
        "contacts.Interaction", verbose_name=_("follow-ups created"), blank=True, related_name="mission_reports"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("back-to-office report")
        verbose_name_plural = _("back-to-office reports")

    def __str__(self):
        return str(self.mission)

    def get_absolute_url(self):
        return reverse("events:mission_report", args=[self.mission_id])


# --- online registration, check-in and invitations ---------------------------------------


def new_public_code() -> str:
    """A random, unguessable code for a public address (registration page, check-in)."""
    return secrets.token_urlsafe(12)


def new_short_code() -> str:
    """Eight characters an officer can type from a confirmation (no 0/O or 1/I to misread)."""
    return "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8))


class RegistrationPage(TimeStamped):
    """An event's public registration page: whether it is open, until when, for how many, and what it asks."""

    event = models.OneToOneField(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registration_page"
    )
    code = models.CharField(_("public code"), max_length=24, unique=True, default=new_public_code, editable=False)
    is_open = models.BooleanField(_("open for registration"), default=False)
    closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Registrations beyond it go to the waiting list.")
    )
    ask_organisation = models.BooleanField(_("ask for the organisation"), default=True)
    ask_position = models.BooleanField(_("ask for the position"), default=True)
    ask_gender = models.BooleanField(_("ask for the gender"), default=True)
    ask_dietary = models.BooleanField(_("ask for dietary needs"), default=False)

    class Meta:
        verbose_name = _("registration page")
        verbose_name_plural = _("registration pages")

    def __str__(self):
        return str(self.event)

    def get_absolute_url(self):
        return reverse("events:register", args=[self.code])

    def accepts_registrations(self, now=None) -> bool:
        now = now or timezone.now()
        return self.is_open and (self.closes_at is None or now < self.closes_at)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(cancelled_at__isnull=True)

    def holding_a_place(self):
        return self.active().exclude(participation__status=Participation.Status.WAITING)

    def waiting(self):
        return self.active().filter(participation__status=Participation.Status.WAITING).order_by("created_at", "pk")


class Registration(TimeStamped):
    """A registration made on the public page: what the registrant typed, and the participation it made."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations")
    participation = models.OneToOneField(
        Participation, verbose_name=_("participation"), on_delete=models.CASCADE, related_name="registration"
    )
    email = models.EmailField(_("e-mail"))
    full_name = models.CharField(_("full name"), max_length=200)
    organisation_name = models.CharField(_("organisation"), max_length=255, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=12, blank=True)
    dietary_needs = models.CharField(_("dietary needs"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    # The person did not exist and was created from this registration: the officer reviews them.
    new_person = models.BooleanField(_("from registration, to review"), default=False)
    reviewed = models.BooleanField(_("reviewed"), default=False)
    check_in_code = models.CharField(_("check-in code"), max_length=8, unique=True, default=new_short_code)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One live registration per address and event: a second is refused (registration_submit).
            models.UniqueConstraint(
                Lower("email"), "event", name="registration_once_per_email", condition=Q(cancelled_at__isnull=True)
            )
        ]

    def __str__(self):
        return f"{self.full_name} — {self.event}"

    def get_absolute_url(self):
        return reverse("events:registrations", args=[self.event_id])


class InvitationTemplate(TimeStamped):
    """The wording of an invitation e-mail in English and Malay, kept by an administrator.

    Subject and body are Django templates: {{ honorific }}, {{ name }}, {{ event }}, {{ dates }},
    {{ place }} and {{ link }} (the personal registration link, empty when the event has no page).
    """

    name = models.CharField(_("name"), max_length=120, unique=True)
    subject_en = models.CharField(_("subject (English)"), max_length=200)
    body_en = models.TextField(_("body (English)"))
    subject_ms = models.CharField(_("subject (Malay)"), max_length=200)
    body_ms = models.TextField(_("body (Malay)"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("invitation template")
        verbose_name_plural = _("invitation templates")

    def __str__(self):
        return self.name


class InvitationQuerySet(models.QuerySet):
    def claimable(self, now):
        """Scheduled invitations, and those whose sender died (lease run out): what invitations_send takes."""
        return self.filter(Q(state=Invitation.State.SCHEDULED) | Q(state=Invitation.State.SENDING, lease_until__lt=now))


class Invitation(TimeStamped):
    """One invitation e-mail to one person: the claim row that keeps a retry from inviting anyone twice."""

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(
        "contacts.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="invitations"
    )
    template = models.ForeignKey(
        InvitationTemplate, verbose_name=_("template"), on_delete=models.PROTECT, related_name="invitations"
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.SCHEDULED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    lease_until = models.DateTimeField(_("held until"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    server_reply = models.CharField(_("server reply"), max_length=500, blank=True)
    token = models.CharField(_("personal link code"), max_length=24, unique=True, default=new_public_code)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["event", "person__full_name"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="invitation_once_per_person")]
        indexes = [
            # invitations_send claims by event among the ones still to send.
            models.Index(
                fields=["event", "state"], name="invitation_to_send", condition=~Q(state__in=["sent", "failed"])
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.event}"


def new_certificate_code() -> str:
    """Twelve characters in three groups (XXXX-XXXX-XXXX): about 60 random bits, not guessable."""
    characters = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(12))
    return f"{characters[:4]}-{characters[4:8]}-{characters[8:]}"


class Certificate(TimeStamped):
    """An attendance certificate: issued once per attendance, its code checked on the public verification page."""

    participation = models.OneToOneField(
        Participation, verbose_name=_("participation"), on_delete=models.CASCADE, related_name="certificate"
    )
    code = models.CharField(_("verification code"), max_length=14, unique=True, default=new_certificate_code)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.code


# --- feedback -------------------------------------------------------------------------------


class FeedbackForm(TimeStamped):
    """A feedback questionnaire for one kind of event (or any kind), in English and Malay, kept by an administrator."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    event_kind = models.CharField(
        _("for events of kind"),
        max_length=20,
        choices=Event.Kind.choices,
        blank=True,
        help_text=_("Leave empty for the form used when no form is kept for the event's kind."),
    )
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    intro_ms = models.TextField(_("introduction (Malay)"), blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["event_kind", "name"]
        verbose_name = _("feedback form")
        verbose_name_plural = _("feedback forms")
        constraints = [
            models.UniqueConstraint(
                fields=["event_kind"], condition=Q(active=True), name="feedback_form_one_active_per_kind"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def intro(self):
        return self.intro_ms if _in_malay() and self.intro_ms else self.intro_en


def _in_malay() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "").startswith("ms")


class FeedbackQuestion(models.Model):
    class Kind(models.TextChoices):
        RATING = "rating", _("Rating from 1 to 5")
        TEXT = "text", _("Open question")
        APPLY = "apply", _("Would you apply what you learnt? (yes or no)")

    form = models.ForeignKey(FeedbackForm, verbose_name=_("form"), on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.RATING)
    text_en = models.CharField(_("question (English)"), max_length=300)
    text_ms = models.CharField(_("question (Malay)"), max_length=300)
    required = models.BooleanField(_("an answer is required"), default=True)

    class Meta:
        ordering = ["form", "order", "pk"]
        verbose_name = _("feedback question")
        verbose_name_plural = _("feedback questions")

    def __str__(self):
        return self.text_en

    @property
    def text(self):
        return self.text_ms if _in_malay() and self.text_ms else self.text_en


class FeedbackRequestQuerySet(models.QuerySet):
    def claimable(self, now):
        """As InvitationQuerySet.claimable: scheduled ones, and those whose sender died."""
        return self.filter(
            Q(state=FeedbackRequest.State.SCHEDULED) | Q(state=FeedbackRequest.State.SENDING, lease_until__lt=now)
        )

    def answered(self):
        return self.filter(answered_at__isnull=False)


class FeedbackRequest(TimeStamped):
    """One attendee's feedback request: the claim row of its e-mail, and the personal link's token."""

    State = Invitation.State

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="feedback_requests"
    )
    participation = models.OneToOneField(
        Participation, verbose_name=_("participation"), on_delete=models.CASCADE, related_name="feedback_request"
    )
    form = models.ForeignKey(FeedbackForm, verbose_name=_("form"), on_delete=models.PROTECT, related_name="requests")
    language = models.CharField(_("language"), max_length=8, default="en")
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.SCHEDULED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    lease_until = models.DateTimeField(_("held until"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    server_reply = models.CharField(_("server reply"), max_length=500, blank=True)
    token = models.CharField(_("personal link code"), max_length=24, unique=True, default=new_public_code)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = FeedbackRequestQuerySet.as_manager()

    class Meta:
        ordering = ["event", "pk"]
        verbose_name = _("feedback request")
        verbose_name_plural = _("feedback requests")
        indexes = [
            models.Index(fields=["event", "state"], name="feedback_to_send", condition=~Q(state__in=["sent", "failed"]))
        ]

    def __str__(self):
        return str(self.participation)

    def get_absolute_url(self):
        return reverse("events:feedback", args=[self.token])


class FeedbackAnswer(models.Model):
    """One answer to one question; a request's answers are written together, once."""

    request = models.ForeignKey(
        FeedbackRequest, verbose_name=_("feedback request"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        FeedbackQuestion, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    would_apply = models.BooleanField(_("would apply what they learnt"), null=True, blank=True)
    text = models.TextField(_("answer"), blank=True)

    class Meta:
        ordering = ["request", "question__order", "question_id"]
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        constraints = [
            models.UniqueConstraint(fields=["request", "question"], name="feedback_answer_once_per_question"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.question} — {self.rating or self.would_apply or self.text[:40]}"
