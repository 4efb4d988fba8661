"""Funding opportunities the office or its partners pursue, with their milestones."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liaison.reference.currencies import iso_4217
from liaison.reference.models import SDG, Theme
from liaison.search.matching import search_indexes, search_text_field
from liaison.web.models import Owned, TimeStamped

SOON_DAYS = 7  # a deadline this close (in Malaysian dates) is marked on every list

POSITIVE = [MinValueValidator(0)]


def local_midnight(day: date) -> datetime:
    """The aware moment a local (Asia/Kuala_Lumpur) day begins."""
    return timezone.make_aware(datetime.combine(day, time.min))


def on_local_dates(field: str, start: date, end: date) -> Q:
    """`field` (an aware date-time) falls on a Malaysian date between start and end, inclusive."""
    return Q(**{f"{field}__gte": local_midnight(start), f"{field}__lt": local_midnight(end + timedelta(days=1))})


class FundingOpportunityQuerySet(models.QuerySet):
    def open(self):
        """Not decided yet: still identified, assessed, prepared, submitted or shortlisted."""
        return self.filter(status__in=FundingOpportunity.OPEN_STATUSES)

    def to_submit(self):
        """Still to be submitted, so the deadline matters."""
        return self.filter(status__in=FundingOpportunity.BEFORE_SUBMISSION)

    def deadline_between(self, start: date, end: date):
        """Deadlines whose Malaysian date falls between start and end, inclusive."""
        return self.filter(on_local_dates("deadline", start, end))

    def deadline_within(self, days: int, today: date | None = None):
        """Deadlines from today to `days` days ahead, counted in Malaysian dates."""
        today = today or timezone.localdate()
        return self.deadline_between(today, today + timedelta(days=days))

    def by_nearest_deadline(self):
        """Upcoming deadlines first (soonest first), then past ones (latest first), then none."""
        now = timezone.now()
        return self.annotate(
            deadline_rank=Case(
                When(deadline__isnull=True, then=Value(2)), When(deadline__lt=now, then=Value(1)), default=Value(0)
            )
        ).order_by("deadline_rank", Case(When(deadline__gte=now, then=F("deadline"))), F("deadline").desc(), "pk")


class FundingOpportunity(TimeStamped, Owned):
    class Kind(models.TextChoices):
        GRANT = "grant", _("Grant")
        CALL_FOR_PROPOSALS = "call_for_proposals", _("Call for proposals")
        CO_FINANCING = "co_financing", _("Co-financing")
        SPONSORSHIP = "sponsorship", _("Sponsorship")
        IN_KIND = "in_kind", _("In-kind")
        TECHNICAL_ASSISTANCE = "technical_assistance", _("Technical assistance")
        FELLOWSHIP = "fellowship", _("Fellowship")

    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        ASSESSING = "assessing", _("Assessing")
        PREPARING = "preparing", _("Preparing")
        SUBMITTED = "submitted", _("Submitted")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        AWARDED = "awarded", _("Awarded")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        MISSED = "missed", _("Missed")

    BEFORE_SUBMISSION = (Status.IDENTIFIED, Status.ASSESSING, Status.PREPARING)
    OPEN_STATUSES = (*BEFORE_SUBMISSION, Status.SUBMITTED, Status.SHORTLISTED)
    LOST_STATUSES = (Status.REJECTED, Status.WITHDRAWN, Status.MISSED)

    title = models.CharField(_("title"), max_length=255)
    funder = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("funder"),
        on_delete=models.PROTECT,
        related_name="funding_opportunities",
        # Nullable in the database only because the table existed before this column; forms require it.
        null=True,
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.CALL_FOR_PROPOSALS)
    eligibility = models.TextField(_("eligibility"), blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    currency = models.CharField(
        _("currency"), max_length=3, default="MYR", validators=[iso_4217], help_text=_("ISO 4217, e.g. MYR")
    )
    amount_min = models.DecimalField(
        _("minimum amount"), max_digits=16, decimal_places=2, null=True, blank=True, validators=POSITIVE
    )
    amount_max = models.DecimalField(
        _("maximum amount"), max_digits=16, decimal_places=2, null=True, blank=True, validators=POSITIVE
    )
    opening_date = models.DateField(_("opening date"), null=True, blank=True)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True, help_text=_("Kuala Lumpur time"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IDENTIFIED)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True, editable=False)
    probability = models.PositiveSmallIntegerField(
        _("probability (%)"), default=25, validators=[MaxValueValidator(100)]
    )
    amount_requested = models.DecimalField(
        _("amount requested"), max_digits=16, decimal_places=2, null=True, blank=True, validators=POSITIVE
    )
    amount_awarded = models.DecimalField(
        _("amount awarded"), max_digits=16, decimal_places=2, null=True, blank=True, validators=POSITIVE
    )
    decision_date = models.DateField(_("decision date"), null=True, blank=True)
    lead_applicant = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("lead applicant"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_applications_led",
    )
    co_applicants = models.ManyToManyField(
        "contacts.Organisation", verbose_name=_("co-applicants"), blank=True, related_name="funding_applications"
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("related partnership"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_opportunities",
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="funding_opportunities")
    sdgs = models.ManyToManyField(SDG, verbose_name=_("SDGs"), blank=True, related_name="funding_opportunities")
    notes = models.TextField(_("notes"), blank=True)
    # The interactions (in Contacts) about this opportunity: Funding owns the link.
    interactions = models.ManyToManyField(
        "contacts.Interaction", verbose_name=_("interactions"), blank=True, related_name="funding_opportunities"
    )

    # What global search matches (liaison.search.registry), kept by the database itself.
    search_text = search_text_field("title", "eligibility")
    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = FundingOpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "title"]
        verbose_name = _("funding opportunity")
        verbose_name_plural = _("funding opportunities")
        indexes = [
            models.Index(fields=["deadline"]),
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["currency"]),
            *search_indexes("opportunity"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__lte=100),
                name="funding_probability_at_most_100",
                violation_error_message=_("The probability is a percentage, at most 100."),
            ),
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True) | Q(amount_max__isnull=True) | Q(amount_max__gte=F("amount_min")),
                name="funding_amount_range_ordered",
                violation_error_message=_("The maximum amount cannot be below the minimum amount."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("funding:opportunity_detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.opening_date and self.deadline and self.opening_date > timezone.localdate(self.deadline):
            raise ValidationError(
                {
                    "opening_date": _("A call cannot open after its deadline (%(deadline)s).")
                    % {"deadline": date_format(timezone.localtime(self.deadline), "SHORT_DATETIME_FORMAT")}
                }
            )

    @property
    def is_open(self):
        return self.status in self.OPEN_STATUSES

    def deadline_state(self, today: date | None = None) -> str:
        """'overdue', 'soon' (within 7 Malaysian days) or '' — for the marks on lists and pages."""
        if self.deadline is None or self.status not in self.BEFORE_SUBMISSION:
            return ""
        if self.deadline < timezone.now():
            return "overdue"
        today = today or timezone.localdate()
        return "soon" if timezone.localdate(self.deadline) <= today + timedelta(days=SOON_DAYS) else ""

    @property
    def value(self):
        """What the opportunity is worth, in its currency: awarded, else requested, else the maximum."""
        for amount in (self.amount_awarded, self.amount_requested, self.amount_max):
            if amount is not None:
                return amount
        return None


class MilestoneQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(done_on__isnull=True)

    def due_between(self, start: date, end: date):
        """Milestones whose Malaysian due date falls between start and end, inclusive."""
        return self.filter(on_local_dates("due", start, end))


class Milestone(TimeStamped):
    """A dated step of an opportunity: concept note, full proposal, interim report…"""

    opportunity = models.ForeignKey(
        FundingOpportunity, verbose_name=_("opportunity"), on_delete=models.CASCADE, related_name="milestones"
    )
    label = models.CharField(_("label"), max_length=200)
    due = models.DateTimeField(_("due"), help_text=_("Kuala Lumpur time"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    history = HistoricalRecords()
    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["due", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        indexes = [
            # The milestone reminders' sweep reads pending milestones by due time.
            models.Index(fields=["due"], name="funding_milestone_pending", condition=Q(done_on__isnull=True)),
        ]

    def __str__(self):
        return f"{self.label} ({self.opportunity})"

    def get_absolute_url(self):
        return self.opportunity.get_absolute_url()

    @property
    def is_overdue(self):
        return self.done_on is None and self.due < timezone.now()
