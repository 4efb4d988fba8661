"""Organisations, people, their affiliations, and every interaction with them."""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Lower, Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from liaison.privacy.models import Purpose
from liaison.reference.models import SDG, State, Theme, localised
from liaison.search.matching import Unaccent, search_indexes, search_text_field, text_matches
from liaison.web.models import Owned, TimeStamped

from .duplicates.keys import EmailDomain, NameKey
from .honorifics import split_honorific
from .phones import PhoneField


class OrganisationQuerySet(models.QuerySet):
    def local_governments(self):
        return self.filter(kind=Organisation.Kind.LOCAL_GOVERNMENT)

    def search(self, term):
        """By name, local name, acronym or city: every word, as a prefix or with a typo (the search room's index)."""
        return self.filter(Q(pk__in=text_matches(Organisation.objects.all(), "search_text", term).values("pk")))

    def for_list(self):
        return self.select_related("state", "owner")


class Organisation(TimeStamped, Owned):
    class Kind(models.TextChoices):
        LOCAL_GOVERNMENT = "local_government", _("Local government")
        LG_ASSOCIATION = "lg_association", _("Local-government association")
        NATIONAL_GOVERNMENT = "national_government", _("National ministry or agency")
        STATE_GOVERNMENT = "state_government", _("State government")
        UN_AGENCY = "un_agency", _("UN agency")
        DEVELOPMENT_BANK = "development_bank", _("Development bank")
        BILATERAL_AGENCY = "bilateral_agency", _("Bilateral agency")
        CITY_NETWORK = "city_network", _("City network")
        RESEARCH = "research", _("Research institute or university")
        THINK_TANK = "think_tank", _("Think tank")
        NGO = "ngo", _("NGO or civil society")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        MEDIA = "media", _("Media")
        OTHER = "other", _("Other")

    class CouncilType(models.TextChoices):
        CITY = "city", _("City council")
        MUNICIPAL = "municipal", _("Municipal council")
        DISTRICT = "district", _("District council")
        SPECIAL = "special", _("Special or modified local authority")

    name = models.CharField(_("name"), max_length=255)
    name_local = models.CharField(_("name in Bahasa Malaysia or local language"), max_length=255, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    council_type = models.CharField(
        _("council type"),
        max_length=20,
        choices=CouncilType.choices,
        blank=True,
        help_text=_("For local governments only."),
    )
    state = models.ForeignKey(
        State, verbose_name=_("state"), on_delete=models.PROTECT, null=True, blank=True, related_name="organisations"
    )
    country = CountryField(_("country"), default="MY", blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = PhoneField(_("phone"), help_text=_("Stored in E.164 form."))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    uclg_member = models.BooleanField(_("UCLG member"), default=False)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="organisations")
    sdgs = models.ManyToManyField(SDG, verbose_name=_("SDGs"), blank=True, related_name="organisations")
    notes = models.TextField(_("notes"), blank=True)
    # Set for records loaded from reference data, so that a second load finds them again.
    reference_key = models.CharField(max_length=120, unique=True, null=True, blank=True, editable=False)
    # What global search matches (liaison.search.registry), kept by the database itself.
    search_text = search_text_field("name", "acronym", "name_local", "city")

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        # The list is sorted by name; filtered by kind, it is sorted by name within the kind.
        indexes = [
            models.Index(fields=["name"], name="organisation_name"),
            models.Index(fields=["kind", "name"]),
            models.Index(fields=["acronym"]),
            models.Index(fields=["country", "name"], name="organisation_country"),
            models.Index(fields=["-updated_at"], name="organisation_updated"),
            *search_indexes("organisation"),
            # The duplicate finder (duplicates/): names, local names and acronyms as keys, names by trigrams.
            models.Index(NameKey("name"), name="organisation_name_key"),
            models.Index(NameKey("name_local"), name="organisation_local_key", condition=~Q(name_local="")),
            models.Index(NameKey("acronym"), name="organisation_acronym_key", condition=~Q(acronym="")),
            GinIndex(OpClass(Unaccent("name"), name="gin_trgm_ops"), name="organisation_name_trgm"),
        ]

    def __str__(self):
        return f"{self.label} ({self.acronym})" if self.acronym else self.label

    @property
    def label(self) -> str:
        """The name in the reader's language: the Malay (local) name for Malay readers, when one is stored."""
        return localised(self.name, self.name_local)

    @property
    def other_name(self) -> str:
        """The stored name not shown as `label`, if any (shown beneath it on the organisation's page)."""
        other = self.name if self.label != self.name else self.name_local
        return "" if other == self.label else other

    def get_absolute_url(self):
        return reverse("contacts:organisation_detail", args=[self.pk])


class PersonQuerySet(models.QuerySet):
    def contactable(self, purpose: str | None = None):
        """People who may be contacted at all; for a purpose ("invitations"…), only those who consented.

        Every place that contacts people or lists them for contacting (vCards, invitations, mailing
        lists) goes through this, with Person.contact_refusal saying why someone is left out.
        """
        people = self.filter(do_not_contact=False, erased_at__isnull=True)
        if purpose is not None:
            people = people.with_consent(purpose).filter(consent_for_purpose=Consent.Status.GIVEN)
        return people

    def not_erased(self):
        """Everyone but the anonymous stubs left by erasures: what lists, search and exports show."""
        return self.filter(erased_at__isnull=True)

    def with_consent(self, purpose: str):
        """Each person's latest consent status for `purpose` as `consent_for_purpose` (None when never asked)."""
        latest = Consent.objects.filter(person=OuterRef("pk"), purpose__key=purpose).latest_first()
        return self.annotate(consent_for_purpose=Subquery(latest.values("status")[:1]))

    def with_consents(self):
        """Every consent of each person as `all_consents`, latest first, in one query for the page."""
        return self.prefetch_related(
            models.Prefetch(
                "consents",
                queryset=Consent.objects.select_related("purpose").latest_first(),
                to_attr="all_consents",
            )
        )

    def search(self, term):
        """By name with or without honorific, e-mail, phone, or a current post (position, organisation)."""
        # Each part is a subquery of ids that an index serves (full-text, trigram), not a condition per row.
        name = split_honorific(term)[1] or term
        posts = Affiliation.objects.current()
        at_organisation = posts.filter(organisation__in=text_matches(Organisation.objects.all(), "search_text", term))
        condition = (
            Q(pk__in=text_matches(Person.objects.all(), "search_text", name).values("pk"))
            | Q(pk__in=at_organisation.values("person_id"))
            | Q(pk__in=posts.filter(position__icontains=term).values("person_id"))
            | Q(email_other__iexact=term)
        )
        digits = re.sub(r"\D", "", term).lstrip("0")
        if len(digits) >= 4:
            condition |= Q(phone__contains=digits) | Q(mobile__contains=digits)
        return self.filter(condition)

    def with_current_affiliations(self):
        """Each person's current posts as `current_affiliations`, in one query for the whole page."""
        return self.prefetch_related(
            models.Prefetch(
                "affiliations",
                queryset=Affiliation.objects.current().select_related("organisation"),
                to_attr="current_affiliations",
            )
        )


class Person(TimeStamped, Owned):
    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        OTHER = "other", _("Other")
        UNDISCLOSED = "undisclosed", _("Prefers not to say")

    honorific = models.CharField(
        _("honorific"),
        max_length=80,
        blank=True,
        help_text=_("As the person is addressed, e.g. Dato', Datuk, Tan Sri, YB, Dr., Ir., Puan, Encik."),
    )
    full_name = models.CharField(_("full name"), max_length=200)
    name_other_script = models.CharField(_("name in another script"), max_length=200, blank=True)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    email_other = models.EmailField(_("other e-mail"), blank=True)
    phone = PhoneField(_("phone"), help_text=_("Stored in E.164 form."))
    mobile = PhoneField(_("mobile"), help_text=_("Stored in E.164 form."))
    languages = models.CharField(_("languages spoken"), max_length=200, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=40, blank=True)
    country = CountryField(_("country"), default="MY", blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="people")
    sdgs = models.ManyToManyField(SDG, verbose_name=_("SDGs"), blank=True, related_name="people")
    notes = models.TextField(_("notes"), blank=True)
    # Data protection (PDPA 2010): consent is recorded per purpose (Consent, below); these hold for every purpose.
    do_not_contact = models.BooleanField(_("do not contact"), default=False)
    retention_review_date = models.DateField(_("retention review date"), null=True, blank=True)
    # Set when the person is erased: the row stays, anonymous, so that the statistics keep counting them.
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)
    # What global search matches (liaison.search.registry): the name with and without the honorific.
    search_text = search_text_field("honorific", "full_name", "name_other_script", "email")

    history = HistoricalRecords(excluded_fields=["search_text"])
    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        # One index for each sort of the list (name, e-mail, country, last update).
        indexes = [
            models.Index(fields=["full_name"]),
            models.Index(fields=["email"]),
            models.Index(fields=["country", "full_name"], name="person_country"),
            models.Index(fields=["-updated_at"], name="person_updated"),
            *search_indexes("person"),
            # The duplicate finder (duplicates/): e-mails without case, phones, e-mail domains.
            models.Index(Lower("email"), name="person_email_lower", condition=~Q(email="")),
            models.Index(Lower("email_other"), name="person_email_other_lower", condition=~Q(email_other="")),
            models.Index(fields=["phone"], name="person_phone", condition=~Q(phone="")),
            models.Index(fields=["mobile"], name="person_mobile", condition=~Q(mobile="")),
            models.Index(EmailDomain("email"), name="person_email_domain", condition=~Q(email="")),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        if self.erased_at is not None:
            return str(_("Erased person #%(id)s") % {"id": self.pk})
        return f"{self.honorific} {self.full_name}" if self.honorific else self.full_name

    def get_absolute_url(self):
        return reverse("contacts:person_detail", args=[self.pk])

    def contact_refusal(self, purpose: str | None = None) -> str:
        """Why the person may not be contacted (for `purpose`), in the reader's language; "" when they may."""
        if self.erased_at is not None:
            return str(_("was erased"))
        if self.do_not_contact:
            return str(_("asked not to be contacted"))
        if purpose is None:
            return ""
        consent = self.current_consents().get(purpose)
        if consent is None:
            return str(_("no consent recorded for %(purpose)s") % {"purpose": purpose_label(purpose)})
        if consent.status != Consent.Status.GIVEN:
            return consent.refusal()
        return ""

    def current_consents(self) -> dict:
        """{purpose key: the latest consent}, from `with_consents` when the list prefetched it."""
        consents = getattr(self, "all_consents", None)
        if consents is None:
            consents = list(self.consents.select_related("purpose").latest_first())
            self.all_consents = consents
        current = {}
        for consent in consents:  # latest first
            current.setdefault(consent.purpose.key, consent)
        return current

    @property
    def main_affiliation(self):
        """The first current post (from `with_current_affiliations`, else one query)."""
        posts = getattr(self, "current_affiliations", None)
        if posts is None:
            posts = list(self.affiliations.current().select_related("organisation")[:1])
        return posts[0] if posts else None


def purpose_label(key: str) -> str:
    purpose = Purpose.objects.filter(key=key).first()
    return purpose.label if purpose else key


class ConsentQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-date", "-recorded_at", "-id")


class Consent(models.Model):
    """A person's answer for one purpose, as recorded on a date; a new answer is a new row (the history)."""

    class Status(models.TextChoices):
        GIVEN = "given", _("Given")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="consents")
    purpose = models.ForeignKey(Purpose, verbose_name=_("purpose"), on_delete=models.PROTECT, related_name="consents")
    status = models.CharField(_("consent"), max_length=10, choices=Status.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("How it was given: a form, an e-mail, a meeting…")
    )
    notice_version = models.PositiveIntegerField(_("notice version"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-recorded_at", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        # Person.objects.contactable(purpose) reads each person's latest consent for the purpose.
        indexes = [models.Index(fields=["person", "purpose", "-date", "-recorded_at"], name="consent_latest")]

    def __str__(self):
        return f"{self.person} — {self.purpose}: {self.get_status_display()}"

    def refusal(self) -> str:
        values = {"purpose": self.purpose.label, "date": date_format(self.date)}
        if self.status == self.Status.REFUSED:
            return str(_("refused %(purpose)s on %(date)s") % values)
        return str(_("withdrew consent for %(purpose)s on %(date)s") % values)


class AffiliationQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)

    def past(self):
        return self.filter(is_current=False)


class Affiliation(TimeStamped):
    """A post a person holds or held at an organisation; past posts are kept."""

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="affiliations"
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    is_current = models.BooleanField(_("current"), default=True)

    history = HistoricalRecords()
    objects = AffiliationQuerySet.as_manager()

    class Meta:
        ordering = ["-is_current", "-start_date", "-id"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        indexes = [
            # The people list's search matches current posts by position (icontains is UPPER(...) LIKE).
            GinIndex(OpClass(Upper("position"), name="gin_trgm_ops"), name="affiliation_position_trgm"),
            models.Index(fields=["organisation", "person"], name="affiliation_current", condition=Q(is_current=True)),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="affiliation_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.position or _('member')}, {self.organisation}"

    def get_absolute_url(self):
        return self.person.get_absolute_url()


INTERACTION_AHEAD = timedelta(days=1)


class InteractionQuerySet(models.QuerySet):
    def concerning(self, people, organisations):
        """Interactions about one of these people or one of these organisations (querysets), each once."""
        return self.filter(
            models.Q(pk__in=Interaction.people.through.objects.filter(person__in=people).values("interaction"))
            | models.Q(
                pk__in=Interaction.organisations.through.objects.filter(organisation__in=organisations).values(
                    "interaction"
                )
            )
        )

    def about_theme(self, theme):
        """About a person or an organisation working on the theme (the dashboard's and the list's filter)."""
        return self.concerning(Person.objects.filter(themes=theme), Organisation.objects.filter(themes=theme))

    def about_state(self, state):
        """About an organisation in the state, or a person with a current post at one."""
        posts = Affiliation.objects.current().filter(organisation__state=state)
        return self.concerning(
            Person.objects.filter(pk__in=posts.values("person")), Organisation.objects.filter(state=state)
        )

    def visible_to(self, user):
        """Confidential interactions are for their author, supervisors and administrators only."""
        from liaison.web.roles import ADMINISTRATOR, SUPERVISOR, has_role

        if has_role(user, SUPERVISOR, ADMINISTRATOR):
            return self
        return self.filter(Q(confidential=False) | Q(author=user))

    def follow_ups_due(self, on=None):
        return self.filter(follow_up_date__lte=on or timezone.localdate(), follow_up_done=False)

    def follow_ups_overdue(self, on=None):
        """Open follow-ups whose date has passed (today's are due, not yet overdue)."""
        return self.filter(follow_up_date__lt=on or timezone.localdate(), follow_up_done=False)

    def search(self, term):
        """Subject and notes: every word, as a prefix or with a typo (the search room's full-text index)."""
        return text_matches(self, "search_text", term)

    def for_timeline(self):
        return self.select_related("author").prefetch_related("people", "organisations")

    def involving(self, record):
        """Interactions with a person or an organisation."""
        if isinstance(record, Person):
            return self.filter(people=record)
        return self.filter(organisations=record)


class Interaction(TimeStamped):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        CALL = "call", _("Call")
        EMAIL = "email", _("E-mail")
        VISIT = "visit", _("Visit")
        EVENT_CONVERSATION = "event_conversation", _("Conversation at an event")
        MESSAGE = "message", _("Message")

    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    subject = models.CharField(_("subject"), max_length=255)
    notes = models.TextField(_("notes"), blank=True)
    people = models.ManyToManyField(Person, verbose_name=_("people"), blank=True, related_name="interactions")
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), blank=True, related_name="interactions"
    )
    follow_up_date = models.DateField(_("follow-up date"), null=True, blank=True)
    follow_up_done = models.BooleanField(_("follow-up done"), default=False)
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Only you, supervisors and administrators will see it."),
    )
    search_text = search_text_field("subject", "notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="interactions",
    )

    history = HistoricalRecords(m2m_fields=[people, organisations], excluded_fields=["search_text"])
    objects = InteractionQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")
        indexes = [
            models.Index(fields=["-occurred_at"]),
            models.Index(fields=["subject"], name="interaction_subject"),
            models.Index(fields=["kind", "-occurred_at"], name="interaction_kind"),
            # The list sorted by follow-up date (EXPLAIN tests: contacts/tests/test_explain.py).
            models.Index(fields=["follow_up_date"], name="interaction_follow_up_date"),
            # The follow-up reminders' sweep reads open follow-ups by date.
            models.Index(
                fields=["follow_up_date"],
                name="interaction_open_follow_up",
                condition=Q(follow_up_date__isnull=False, follow_up_done=False),
            ),
            # The list filtered by follow-up (open or done), in its own order, and its capped count read from
            # the index alone (with what visible_to() asks of each row).
            models.Index(
                fields=["-occurred_at", "-id"],
                include=["confidential", "author"],
                name="interaction_follow_up_open",
                condition=Q(follow_up_date__isnull=False, follow_up_done=False),
            ),
            models.Index(
                fields=["-occurred_at", "-id"],
                include=["confidential", "author"],
                name="interaction_follow_up_done",
                condition=Q(follow_up_date__isnull=False, follow_up_done=True),
            ),
            *search_indexes("interaction"),
        ]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("contacts:interaction_detail", args=[self.pk])

    def clean(self):
        super().clean()
        # What happened is logged; what is planned is a follow-up. A day of slack covers time zones.
        if self.occurred_at and self.occurred_at > timezone.now() + INTERACTION_AHEAD:
            raise ValidationError(
                {
                    "occurred_at": _(
                        "An interaction records what happened: it cannot be more than a day ahead. "
                        "For something planned, set a follow-up date on the last interaction."
                    )
                }
            )

    @property
    def follow_up_overdue(self):
        return bool(self.follow_up_date and not self.follow_up_done and self.follow_up_date < timezone.localdate())


class ImportMapping(models.Model):
    """Which field each column of a file fills, saved under a name for the next file of the same shape."""

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20)
    columns = models.JSONField(_("columns"), default=dict, help_text=_("{header: field}"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("saved by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("import mapping")
        verbose_name_plural = _("import mappings")
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="import_mapping_unique_name")]

    def __str__(self):
        return self.name


class ImportBatch(models.Model):
    """One file brought in: who, when, the file's hash, the mapping, the plan shown, and what it created."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Columns to map")
        PLANNING = "planning", _("Preview being prepared")
        PREVIEW = "preview", _("Waiting for confirmation")
        COMMITTING = "committing", _("Being imported")
        COMMITTED = "committed", _("Imported")
        UNDONE = "undone", _("Undone")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=20)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.UPLOADED)
    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    # The file itself, until it is imported (the preview and the commit read it again; then it is cleared).
    data = models.BinaryField(_("file"), blank=True, default=b"", editable=False)
    options = models.JSONField(_("reading options"), default=dict, blank=True)
    headers = models.JSONField(_("headers"), default=list, blank=True)
    columns = models.JSONField(_("mapping"), default=list, blank=True)
    plan = models.JSONField(_("plan"), null=True, blank=True, editable=False)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    created_records = models.JSONField(_("records created"), default=dict, blank=True)
    updated_records = models.JSONField(_("records updated"), default=dict, blank=True)
    message = models.TextField(_("message"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    committed_at = models.DateTimeField(_("imported"), null=True, blank=True)
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        return reverse("contacts:import_detail", args=[self.pk])


class MergedRecord(models.Model):
    """A person or an organisation merged into another: where its old address now leads (contacts.merging)."""

    content_type = models.ForeignKey(ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE)
    old_pk = models.PositiveBigIntegerField(_("merged-away record"))
    survivor_pk = models.PositiveBigIntegerField(_("survivor"))
    # The merged-away record's name at the time (cleared when the survivor is erased).
    label = models.CharField(_("name"), max_length=255, blank=True)
    reason = models.CharField(_("reason"), max_length=255, blank=True)
    moved = models.JSONField(_("records moved"), default=dict, blank=True)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("merged by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    merged_at = models.DateTimeField(_("merged"), default=timezone.now)

    class Meta:
        ordering = ["-merged_at", "-id"]
        verbose_name = _("merged record")
        verbose_name_plural = _("merged records")
        constraints = [models.UniqueConstraint(fields=["content_type", "old_pk"], name="merged_record_once")]
        indexes = [models.Index(fields=["content_type", "survivor_pk"], name="merged_record_survivor")]

    def __str__(self):
        return f"#{self.old_pk} → #{self.survivor_pk}"


from .duplicates.models import (  # noqa: E402, F401  (the duplicate pairs are contacts models too)
    OrganisationDuplicate,
    OrganisationNotDuplicate,
    PersonDuplicate,
    PersonNotDuplicate,
)
