"""Pairs of records that look like duplicates, and pairs that someone said are not."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ..models import Organisation, Person


class Reason(models.TextChoices):
    EMAIL = "email", _("same e-mail")
    PHONE = "phone", _("same phone")
    NAME = "name", _("similar name")
    SAME_ORGANISATION = "same_organisation", _("similar name at the same organisation")
    SAME_DOMAIN = "same_domain", _("similar name on the same e-mail domain")
    ACRONYM = "acronym", _("same acronym")
    LOCAL_NAME = "local_name", _("name and local name")


class PairMeta:
    """Ordered pairs (first < second), one row per pair; a deleted or merged record takes its pairs with it."""

    @staticmethod
    def constraints(prefix):
        return [
            models.UniqueConstraint(fields=["first", "second"], name=f"{prefix}_unique_pair"),
            models.CheckConstraint(condition=Q(first__lt=F("second")), name=f"{prefix}_ordered_pair"),
        ]


class DuplicatePair(models.Model):
    score = models.FloatField(_("score"))
    reasons = ArrayField(models.CharField(max_length=20, choices=Reason.choices), verbose_name=_("reasons"))
    found_at = models.DateTimeField(_("found"), auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-score", "first", "second"]

    def reason_labels(self) -> list:
        labels = dict(Reason.choices)
        return [labels.get(reason, reason) for reason in self.reasons]


class PersonDuplicate(DuplicatePair):
    first = models.ForeignKey(Person, verbose_name=_("first"), on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Person, verbose_name=_("second"), on_delete=models.CASCADE, related_name="+")

    class Meta(DuplicatePair.Meta):
        verbose_name = _("possible duplicate person")
        verbose_name_plural = _("possible duplicate people")
        constraints = PairMeta.constraints("person_duplicate")
        indexes = [models.Index(fields=["second"], name="person_duplicate_second")]

    def __str__(self):
        return f"{self.first} / {self.second}"


class OrganisationDuplicate(DuplicatePair):
    first = models.ForeignKey(Organisation, verbose_name=_("first"), on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Organisation, verbose_name=_("second"), on_delete=models.CASCADE, related_name="+")

    class Meta(DuplicatePair.Meta):
        verbose_name = _("possible duplicate organisation")
        verbose_name_plural = _("possible duplicate organisations")
        constraints = PairMeta.constraints("organisation_duplicate")
        indexes = [models.Index(fields=["second"], name="organisation_duplicate_second")]

    def __str__(self):
        return f"{self.first} / {self.second}"


class NotDuplicate(models.Model):
    """Someone looked at the pair and said the two are different: it stays hidden."""

    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("marked by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked"), auto_now_add=True)

    class Meta:
        abstract = True


class PersonNotDuplicate(NotDuplicate):
    first = models.ForeignKey(Person, verbose_name=_("first"), on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Person, verbose_name=_("second"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("people marked not duplicates")
        verbose_name_plural = _("people marked not duplicates")
        constraints = PairMeta.constraints("person_not_duplicate")

    def __str__(self):
        return f"{self.first} ≠ {self.second}"


class OrganisationNotDuplicate(NotDuplicate):
    first = models.ForeignKey(Organisation, verbose_name=_("first"), on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Organisation, verbose_name=_("second"), on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("organisations marked not duplicates")
        verbose_name_plural = _("organisations marked not duplicates")
        constraints = PairMeta.constraints("organisation_not_duplicate")

    def __str__(self):
        return f"{self.first} ≠ {self.second}"
