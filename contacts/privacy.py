"""What contacts holds about a person (fields, posts, consents, interactions, history) for access and erasure."""

from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaison.audit.models import AuditEntry
from liaison.privacy.registry import PersonalData, redact, register

from .models import Affiliation, Interaction, Person

PERSON_FIELDS = [
    "honorific",
    "full_name",
    "name_other_script",
    "gender",
    "email",
    "email_other",
    "phone",
    "mobile",
    "languages",
    "preferred_language",
    "country",
    "notes",
    "do_not_contact",
    "retention_review_date",
    "created_at",
    "updated_at",
]
# Wiped by an erasure; gender, country, themes and SDGs stay for the statistics.
ERASED_FIELDS = {
    "honorific": "",
    "full_name": "",
    "name_other_script": "",
    "email": "",
    "email_other": "",
    "phone": "",
    "mobile": "",
    "languages": "",
    "preferred_language": "",
    "notes": "",
    "do_not_contact": True,
    "retention_review_date": None,
}


def value(obj, field):
    data = getattr(obj, field)
    return data.code if hasattr(data, "code") else data


def interactions_disclosed(person, user):
    """The person's interactions, except confidential ones written by someone other than `user`."""
    return (
        Interaction.objects.filter(people=person)
        .filter(Q(confidential=False) | Q(author=user))
        .prefetch_related("organisations")
        .order_by("occurred_at", "pk")
    )


@register
class ContactsData(PersonalData):
    key = "contacts"
    label = _("Contacts")
    order = 10
    titles = {
        "person": _("Person"),
        "posts": _("Posts"),
        "consents": _("Consents"),
        "interactions": _("Interactions"),
        "history": _("History of changes"),
        "disclosures": _("Exports and erasures of these data"),
    }

    def export(self, person, user):
        return {
            "person": [
                {
                    **{field: value(person, field) for field in PERSON_FIELDS},
                    "themes": [str(theme) for theme in person.themes.all()],
                    "sdgs": [str(sdg) for sdg in person.sdgs.all()],
                }
            ],
            "posts": [
                {
                    "organisation": str(post.organisation),
                    "position": post.position,
                    "department": post.department,
                    "start_date": post.start_date,
                    "end_date": post.end_date,
                    "current": post.is_current,
                }
                for post in person.affiliations.select_related("organisation")
            ],
            "consents": [
                {
                    "purpose": consent.purpose.key,
                    "purpose_name": consent.purpose.label,
                    "status": consent.status,
                    "date": consent.date,
                    "source": consent.source,
                    "notice_version": consent.notice_version,
                    "recorded_at": consent.recorded_at,
                }
                for consent in person.consents.select_related("purpose").latest_first()
            ],
            # The interactions' other participants are other people's data: only organisations are named.
            "interactions": [
                {
                    "occurred_at": interaction.occurred_at,
                    "kind": interaction.kind,
                    "subject": interaction.subject,
                    "notes": interaction.notes,
                    "organisations": [str(organisation) for organisation in interaction.organisations.all()],
                    "confidential": interaction.confidential,
                }
                for interaction in interactions_disclosed(person, user)
            ],
            "history": [
                {
                    "changed_at": record.history_date,
                    "change": record.get_history_type_display(),
                    **{field: value(record, field) for field in PERSON_FIELDS},
                }
                for record in person.history.order_by("history_date", "history_id")
            ],
            "disclosures": [
                {"at": entry.at, "action": entry.get_action_display(), "by": entry.username}
                for entry in AuditEntry.objects.filter(target=person_target(person)).order_by("at", "pk")
            ],
        }

    def erase(self, person, names):
        # Interactions stay (they count, and involve others): the texts lose the person's names.
        interactions = Interaction.objects.filter(people=person)
        for interaction in interactions:
            Interaction.objects.filter(pk=interaction.pk).update(
                subject=redact(interaction.subject, names), notes=redact(interaction.notes, names)
            )
        for record in Interaction.history.filter(id__in=interactions.values("pk")):
            record.subject, record.notes = redact(record.subject, names), redact(record.notes, names)
            record.save(update_fields=["subject", "notes"])
        # Posts keep the organisation (people by organisation kind and state), not the job title.
        Affiliation.objects.filter(person=person).update(position="", department="")
        Affiliation.history.filter(person_id=person.pk).update(position="", department="")
        person.consents.all().delete()
        person.history.all().delete()
        Person.objects.filter(pk=person.pk).update(**ERASED_FIELDS, erased_at=person.erased_at)

    def active_since(self, since):
        return Interaction.objects.filter(occurred_at__date__gte=since).values("people")

    def last_active(self, people):
        latest = Interaction.objects.filter(people__in=people).values("people").annotate(last=Max("occurred_at"))
        return {row["people"]: timezone.localdate(row["last"]) for row in latest}


def person_target(person) -> str:
    """How the audit trail names a person: by id, never by name."""
    return f"person #{person.pk}"
