"""Partnerships, their agreements, and the voluntary SDG reviews the office supports."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from liaison.reference.models import SDG, Theme
from liaison.search.matching import search_indexes, search_text_field
from liaison.web.models import Owned, TimeStamped

from .documents import DocumentField, agreement_document_path, private_storage, validate_document

# Renewal notices are looked for this far ahead of an expiry (see reminders.py).
MAX_RENEWAL_NOTICE_DAYS = 730


class PartnershipQuerySet(models.QuerySet):
    def open(self):
        """Partnerships still being worked on: neither completed nor dropped."""
        return self.exclude(stage__in=Partnership.CLOSED_STAGES)

    def under_way(self, first=None, last=None):
        """Partnerships whose dates overlap first..last (inclusive; a date not known or a bound not given: no limit)."""
        queryset = self
        if last:
            queryset = queryset.filter(Q(start_date__isnull=True) | Q(start_date__lte=last))
        if first:
            queryset = queryset.filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        return queryset

    def next_step_overdue(self, on=None):
        return self.open().filter(next_step_due__lt=on or timezone.localdate())

    def with_partner(self, organisation):
        return self.filter(pk__in=PartnerRole.objects.filter(organisation=organisation).values("partnership"))

    def with_partner_in(self, state):
        """Partnerships with a partner organisation in this Malaysian state."""
        return self.filter(pk__in=PartnerRole.objects.filter(organisation__state=state).values("partnership"))

    def for_list(self):
        """What a list, a card or an export shows, in a number of queries that does not grow with the rows."""
        return self.select_related("owner").prefetch_related(
            models.Prefetch("partner_roles", queryset=PartnerRole.objects.select_related("organisation"))
        )


class Partnership(TimeStamped, Owned):
    class Kind(models.TextChoices):
        BILATERAL = "bilateral", _("Bilateral")
        MULTILATERAL = "multilateral", _("Multilateral")
        CITY_TO_CITY = "city_to_city", _("City-to-city")
        DECENTRALISED = "decentralised", _("Decentralised cooperation")
        TECHNICAL_EXCHANGE = "technical_exchange", _("Technical exchange")
        RESEARCH = "research", _("Research collaboration")
        CAPACITY = "capacity", _("Capacity development")
        SDG_REVIEW = "sdg_review", _("SDG review support")

    class Stage(models.TextChoices):
        IDEA = "idea", _("Idea")
        EXPLORING = "exploring", _("Exploring")
        NEGOTIATING = "negotiating", _("Negotiating")
        AGREED = "agreed", _("Agreed")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        ON_HOLD = "on_hold", _("On hold")
        DROPPED = "dropped", _("Dropped")

    CLOSED_STAGES = (Stage.COMPLETED, Stage.DROPPED)

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.BILATERAL)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.IDEA)
    partners = models.ManyToManyField(
        "contacts.Organisation",
        through="PartnerRole",
        verbose_name=_("partners"),
        related_name="partnerships",
    )
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="partnerships")
    sdgs = models.ManyToManyField(SDG, verbose_name=_("SDGs"), blank=True, related_name="partnerships")
    objectives = models.TextField(_("objectives"), blank=True)
    next_step = models.CharField(_("next step"), max_length=255, blank=True)
    next_step_due = models.DateField(_("next step due"), null=True, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    # The interactions (in Contacts) that concern this partnership: Partnerships owns the link.
    interactions = models.ManyToManyField(
        "contacts.Interaction", verbose_name=_("interactions"), blank=True, related_name="partnerships"
    )

    # What global search matches (liaison.search.registry), kept by the database itself.
    search_text = search_text_field("title", "objectives", "next_step")
    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        indexes = [
            models.Index(fields=["stage", "title"]),
            # The next-step reminders' sweep reads open partnerships by due date.
            models.Index(
                fields=["next_step_due"],
                name="partnership_open_next_step",
                condition=Q(next_step_due__isnull=False) & ~Q(stage__in=["completed", "dropped"]),
            ),
            *search_indexes("partnership"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="partnership_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:partnership_detail", args=[self.pk])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("A partnership cannot end before it starts.")})
        problem = stage_problem(self.stage, self.end_date)
        if problem:
            raise ValidationError({"end_date": problem})

    @property
    def is_open(self):
        return self.stage not in self.CLOSED_STAGES

    @property
    def next_step_overdue(self):
        return bool(self.is_open and self.next_step_due and self.next_step_due < timezone.localdate())

    def partners_with_roles(self):
        """'Organisation (role)' for every partner; uses the prefetched roles when there are some."""
        return [f"{role.organisation} ({role.get_role_display()})" for role in self.partner_roles.all()]


def stage_problem(stage, end_date):
    """Why a partnership with this end date cannot be in `stage`, or None (shared by forms and services)."""
    if stage not in Partnership.Stage.values:
        return _("Choose a valid stage.")
    if stage == Partnership.Stage.COMPLETED and end_date is None:
        return _("A completed partnership needs an end date: enter it before marking the partnership completed.")
    return None


class StageChange(models.Model):
    """A partnership moved from one stage to another on a given day."""

    partnership = models.ForeignKey(
        Partnership, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(_("from"), max_length=20, choices=Partnership.Stage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=Partnership.Stage.choices)
    changed_on = models.DateField(_("date"), default=timezone.localdate)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_on", "-id"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")

    def __str__(self):
        return (
            f"{self.partnership}: {self.get_from_stage_display()} → {self.get_to_stage_display()} ({self.changed_on})"
        )


class PartnerRole(models.Model):
    """An organisation's part in a partnership; any number of them makes a multilateral one."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        PARTNER = "partner", _("Partner")
        FUNDER = "funder", _("Funder")
        IMPLEMENTER = "implementer", _("Implementer")
        HOST = "host", _("Host")
        OBSERVER = "observer", _("Observer")

    partnership = models.ForeignKey(
        Partnership, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="partner_roles"
    )
    organisation = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="partner_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.PARTNER)
    notes = models.CharField(_("notes"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation", "role"],
                name="one_role_once_per_partner",
                violation_error_message=_("This organisation already has this role in the partnership."),
            )
        ]

    def __str__(self):
        return f"{self.organisation} ({self.get_role_display()})"


class AgreementQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(status__in=Agreement.IN_FORCE)

    def expiring_within(self, days, on=None):
        """Agreements in force whose expiry date falls in the next `days` days."""
        on = on or timezone.localdate()
        return self.in_force().filter(expiry_date__range=(on, on + timedelta(days=days)))

    def for_list(self):
        return self.select_related("partnership", "owner").prefetch_related("parties")


class Agreement(TimeStamped, Owned):
    """The LOI, MOU, MOA or contract behind a partnership, with its signed document."""

    class Kind(models.TextChoices):
        LOI = "loi", _("Letter of intent (LOI)")
        MOU = "mou", _("Memorandum of understanding (MOU)")
        MOA = "moa", _("Memorandum of agreement (MOA)")
        CONTRACT = "contract", _("Contract")
        EXCHANGE_OF_LETTERS = "exchange_of_letters", _("Exchange of letters")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        UNDER_REVIEW = "under_review", _("Under review")
        SIGNED = "signed", _("Signed")
        ACTIVE = "active", _("Active")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")
        RENEWED = "renewed", _("Renewed")

    IN_FORCE = (Status.SIGNED, Status.ACTIVE)
    SIGNED_STATUSES = (Status.SIGNED, Status.ACTIVE)

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MOU)
    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("partnership"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements",
    )
    parties = models.ManyToManyField(
        "contacts.Organisation", verbose_name=_("parties"), blank=True, related_name="agreements"
    )
    reference_number = models.CharField(_("reference number"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    signed_date = models.DateField(_("signed on"), null=True, blank=True)
    effective_date = models.DateField(_("effective from"), null=True, blank=True)
    expiry_date = models.DateField(_("expires on"), null=True, blank=True)
    renewal_notice_days = models.PositiveSmallIntegerField(
        _("renewal notice (days)"),
        default=90,
        validators=[MinValueValidator(0), MaxValueValidator(MAX_RENEWAL_NOTICE_DAYS)],
        help_text=_("How many days before expiry the renewal must be decided."),
    )
    document = DocumentField(
        _("signed document"),
        upload_to=agreement_document_path,
        storage=private_storage,
        validators=[validate_document],
        blank=True,
        max_length=255,
        help_text=_("PDF or Office document (Word, Excel, PowerPoint), at most 10 MB."),
    )
    document_name = models.CharField(_("document file name"), max_length=255, blank=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_date", "title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        indexes = [
            # The renewal reminders' sweep reads agreements in force by expiry date.
            models.Index(
                fields=["expiry_date"],
                name="agreement_in_force_expiry",
                condition=Q(expiry_date__isnull=False, status__in=["signed", "active"]),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expiry_date__isnull=True)
                | Q(effective_date__isnull=True)
                | Q(expiry_date__gte=models.F("effective_date")),
                name="agreement_expires_after_effect",
                violation_error_message=_("An agreement cannot expire before it takes effect."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("partnerships:agreement_detail", args=[self.pk])

    def clean(self):
        problems = {
            **agreement_status_problems(self, self.status),
            **agreement_date_problems(self.effective_date, self.expiry_date, self.signed_date),
        }
        if problems:
            raise ValidationError(problems)

    @property
    def renewal_notice_date(self):
        """The day the renewal must be decided by: expiry minus the notice period."""
        if self.expiry_date is None:
            return None
        return self.expiry_date - timedelta(days=self.renewal_notice_days)

    @property
    def is_in_force(self):
        return self.status in self.IN_FORCE

    def parties_list(self):
        return [str(party) for party in self.parties.all()]


def agreement_date_problems(effective_date, expiry_date, signed_date=None):
    """{field: message} when the dates do not make sense together (shared by forms and services)."""
    if signed_date and effective_date and effective_date < signed_date:
        return {
            "effective_date": _(
                "An agreement takes effect once signed: the effective date (%(effective)s) "
                "is before the signature (%(signed)s)."
            )
            % {"effective": date_format(effective_date), "signed": date_format(signed_date)}
        }
    if effective_date and expiry_date and expiry_date < effective_date:
        return {
            "expiry_date": _(
                "An agreement cannot expire before it takes effect: the expiry date (%(expiry)s) "
                "is before the effective date (%(effective)s)."
            )
            % {"expiry": date_format(expiry_date), "effective": date_format(effective_date)}
        }
    return {}


def agreement_status_problems(agreement, status):
    """{field: message} when `agreement`'s dates do not allow `status` (shared by forms and services)."""
    if status not in Agreement.Status.values:
        return {"status": _("Choose a valid status.")}
    if status in Agreement.SIGNED_STATUSES and agreement.signed_date is None:
        return {
            "signed_date": _("Enter the date of signature: a %(status)s agreement has been signed.")
            % {"status": Agreement.Status(status).label.lower()}
        }
    if status == Agreement.Status.EXPIRED and agreement.expiry_date is None:
        return {"expiry_date": _("Enter the expiry date of an expired agreement.")}
    return {}


class VoluntaryReviewQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("government", "partnership", "owner").prefetch_related("sdgs")


class VoluntaryReview(TimeStamped, Owned):
    """A voluntary national, local or subnational review of the SDGs, and the office's support to it."""

    class Kind(models.TextChoices):
        VNR = "vnr", _("Voluntary National Review (VNR)")
        VLR = "vlr", _("Voluntary Local Review (VLR)")
        VSR = "vsr", _("Voluntary Subnational Review (VSR)")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PREPARATION = "in_preparation", _("In preparation")
        PUBLISHED = "published", _("Published")
        PRESENTED = "presented", _("Presented")

    kind = models.CharField(_("kind"), max_length=3, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255, blank=True)
    government = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("government"),
        on_delete=models.PROTECT,
        related_name="voluntary_reviews",
        help_text=_("The national, state or local government that reviews its progress."),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2015), MaxValueValidator(2100)])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    sdgs = models.ManyToManyField(SDG, verbose_name=_("SDGs reviewed"), blank=True, related_name="voluntary_reviews")
    link = models.URLField(_("link"), blank=True)
    support_given = models.TextField(_("support given by the office"), blank=True)
    partnership = models.ForeignKey(
        Partnership,
        verbose_name=_("related partnership"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="voluntary_reviews",
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()
    objects = VoluntaryReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "kind"]
        verbose_name = _("voluntary review")
        verbose_name_plural = _("voluntary reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "government", "year"],
                name="one_review_per_kind_government_year",
                violation_error_message=_("This government already has a review of this kind for this year."),
            )
        ]

    def __str__(self):
        return self.title or f"{self.kind.upper()} {self.year} — {self.government}"

    def get_absolute_url(self):
        return reverse("partnerships:review_detail", args=[self.pk])
