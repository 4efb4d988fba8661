"""The first version's single consent field becomes Consent rows per purpose, then the field goes (0007, 0008)."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("contacts", "0006_issue14_follow_up_indexes")]
AFTER = [("contacts", "0008_issue16_drop_single_consent")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_the_old_consent_becomes_one_row_per_purpose_it_named():
    apps = migrate(BEFORE)
    Person = apps.get_model("contacts", "Person")
    Consent = apps.get_model("contacts", "Consent")
    Purpose = apps.get_model("privacy", "Purpose")
    invitations = Purpose.objects.get(key="invitations")

    def person(name, **fields):
        return Person.objects.create(full_name=name, **fields).pk

    named = person(
        "Named",
        consent_status="given",
        consent_date=date(2025, 3, 4),
        consent_source="Sign-up sheet",
        consent_purpose="Jemputan ke acara dan buletin",
    )
    vague = person("Vague", consent_status="given", consent_purpose="General")
    refused = person("Refused", consent_status="refused")
    unknown = person("Unknown", consent_status="unknown")
    answered = person("Answered", consent_status="given", consent_purpose="invitations")
    Consent.objects.create(
        person_id=answered, purpose=invitations, status="withdrawn", date=date(2026, 1, 1), notice_version=1
    )

    apps = migrate(AFTER)
    Consent = apps.get_model("contacts", "Consent")
    Person = apps.get_model("contacts", "Person")
    rows = {(c.person_id, c.purpose.key): c for c in Consent.objects.select_related("purpose")}

    def keys(pk):
        return {key: row.status for (person_id, key), row in rows.items() if person_id == pk}

    assert keys(named) == {"invitations": "given", "newsletter": "given", "event_registration": "given"}
    row = rows[(named, "invitations")]
    assert row.date == date(2025, 3, 4) and row.source == "Sign-up sheet — Jemputan ke acara dan buletin"
    assert row.notice_version == invitations.version
    assert keys(vague) == {"partnership_work": "given"}  # no purpose recognised: only the office's own work
    active = Purpose.objects.filter(active=True).count()
    assert set(keys(refused).values()) == {"refused"} and len(keys(refused)) == active  # a refusal holds for all
    assert keys(unknown) == {}
    assert keys(answered) == {"invitations": "withdrawn"}  # the answer given for the purpose stands
    assert "consent_status" not in {f.name for f in Person._meta.get_fields()}
