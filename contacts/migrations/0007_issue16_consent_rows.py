"""The single consent of the first version (status, date, source, free-text purpose) becomes Consent rows per purpose.

An answer is specific to a purpose (PDPA's notice and choice principle), so the old answer is carried over only where
it can be placed: to the purposes its free-text purpose names (by key, English or Malay name, or a word such as
"invitation" or "jemputan"). A consent given for no purpose that can be recognised is kept for partnership work, the
purpose the office recorded contacts for; a refusal or withdrawal that names none holds for every active purpose.
A purpose the person already answered separately keeps that answer. The old text is kept in each row's source.
"""

from django.db import migrations
from django.utils import timezone

GIVEN, REFUSED, WITHDRAWN = "given", "refused", "withdrawn"
# Words that name a purpose in the free text, in English and Malay.
WORDS = {
    "invitations": ("invitation", "invite", "jemputan", "undangan"),
    "newsletter": ("newsletter", "bulletin", "buletin", "mailing"),
    "partnership_work": ("partnership", "cooperation", "co-operation", "liaison", "perkongsian", "kerjasama"),
    "event_registration": ("registration", "event", "pendaftaran", "acara", "forum", "training", "latihan"),
    "statistics": ("statistic", "statistik", "report", "laporan"),
}
FALLBACK_GIVEN = "partnership_work"


def purposes_named(text, purposes):
    text = text.lower()
    named = []
    for purpose in purposes:
        names = (purpose.key.replace("_", " "), purpose.name.lower(), purpose.name_ms.lower())
        if any(name and name in text for name in names) or any(word in text for word in WORDS.get(purpose.key, ())):
            named.append(purpose)
    return named


def carry_over(apps, schema_editor):
    Person = apps.get_model("contacts", "Person")
    Consent = apps.get_model("contacts", "Consent")
    Purpose = apps.get_model("privacy", "Purpose")
    purposes = list(Purpose.objects.filter(active=True))
    answered = set(Consent.objects.values_list("person_id", "purpose_id"))
    rows = []
    people = Person.objects.filter(erased_at__isnull=True, consent_status__in=[GIVEN, REFUSED, WITHDRAWN])
    for person in people.iterator(chunk_size=2000):
        chosen = purposes_named(person.consent_purpose, purposes)
        if not chosen:
            if person.consent_status == GIVEN:
                chosen = [p for p in purposes if p.key == FALLBACK_GIVEN]
            else:
                chosen = purposes
        source = " — ".join(part for part in (person.consent_source, person.consent_purpose) if part)
        day = person.consent_date or timezone.localdate(person.created_at)
        for purpose in chosen:
            if (person.pk, purpose.pk) in answered:
                continue
            rows.append(
                Consent(
                    person_id=person.pk,
                    purpose_id=purpose.pk,
                    status=person.consent_status,
                    date=day,
                    source=(source or "First version's consent field")[:200],
                    notice_version=purpose.version,
                )
            )
    Consent.objects.bulk_create(rows, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0006_issue14_follow_up_indexes"),
        ("privacy", "0002_issue16_breaches"),
    ]

    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
