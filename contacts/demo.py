"""Demo contacts: officials of Malaysian local authorities and partner organisations (invented people)."""

from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from liaison.demo.registry import register
from liaison.privacy.models import Purpose
from liaison.reference.registry import Loader

from .duplicates import finder as duplicates
from .models import Affiliation, Consent, Interaction, Organisation, Person
from .phones import normalise_phone
from .reference import local_authority_key

DBKL = local_authority_key("Dewan Bandaraya Kuala Lumpur")
MBSA = local_authority_key("Majlis Bandaraya Shah Alam")
MBPP = local_authority_key("Majlis Bandaraya Pulau Pinang")
MBSJ = local_authority_key("Majlis Bandaraya Subang Jaya")
MBSP = local_authority_key("Majlis Bandaraya Seberang Perai")
DBKK = local_authority_key("Dewan Bandaraya Kota Kinabalu")

# honorific, full name, gender, e-mail, mobile, language(s), posts: (organisation key, position, department, start, end)
PEOPLE = [
    (
        "Dato' Ir.",
        "Mohd Faizal bin Abdullah",
        "male",
        "faizal.abdullah@dbkl.example",
        "012-345 6789",
        "Malay, English",
        [
            (DBKL, "Director", "Urban Planning Department", date(2022, 3, 1), None),
            (MBSA, "Deputy Director", "Development Planning", date(2015, 1, 5), date(2022, 2, 28)),
        ],
    ),
    (
        "Puan",
        "Nurul Ain binti Rosli",
        "female",
        "nurulain.rosli@dbkl.example",
        "013-220 4417",
        "Malay, English",
        [(DBKL, "Head", "International Relations Unit", date(2021, 7, 1), None)],
    ),
    (
        "Dr.",
        "Lim Wei Ling",
        "female",
        "weiling.lim@mbpp.example",
        "016-478 9023",
        "English, Mandarin, Malay",
        [(MBPP, "Senior Town Planner", "Planning Department", date(2019, 9, 16), None)],
    ),
    (
        "Encik",
        "Rajesh a/l Subramaniam",
        "male",
        "rajesh.s@mbsj.example",
        "017-662 3051",
        "English, Tamil, Malay",
        [(MBSJ, "Sustainability Officer", "Local Agenda 21 Unit", date(2020, 2, 3), None)],
    ),
    (
        "Cik",
        "Aina Sofea binti Kamal",
        "female",
        "aina.kamal@mbsp.example",
        "011-2345 6780",
        "Malay, English",
        [(MBSP, "Gender Focal Point", "Community Development", date(2023, 1, 9), None)],
    ),
    (
        "Datin",
        "Siti Hajar binti Othman",
        "female",
        "sitihajar@kpkt.example",
        "019-388 1206",
        "Malay, English",
        [("org:kpkt", "Deputy Secretary-General (Local Government)", "", date(2021, 10, 1), None)],
    ),
    (
        "Tuan Haji",
        "Awang Kassim bin Awang Ali",
        "male",
        "awang.kassim@dbkk.example",
        "014-851 7730",
        "Malay, English",
        [(DBKK, "Deputy Mayor", "", date(2020, 6, 1), None)],
    ),
    (
        "Ms.",
        "Maria Theresa Santos",
        "female",
        "maria.santos@unhabitat.example",
        "+63 917 555 0192",
        "English, Filipino",
        [("org:un-habitat", "Programme Officer", "Regional Office for Asia and the Pacific", date(2018, 4, 2), None)],
    ),
]

INTERACTIONS = [
    # subject, kind, days ago, people (full names), follow-up in days, confidential, notes
    (
        "Kick-off of the KL Voluntary Local Review",
        Interaction.Kind.MEETING,
        12,
        ["Mohd Faizal bin Abdullah", "Nurul Ain binti Rosli"],
        7,
        False,
        "Agreed on a working group and a first data request to the planning department.",
    ),
    (
        "Gender-responsive budgeting training: dates",
        Interaction.Kind.CALL,
        5,
        ["Aina Sofea binti Kamal", "Lim Wei Ling"],
        10,
        False,
        "Both councils can send four officers each; prefer the week after Hari Raya.",
    ),
    (
        "Study visit from Kota Kinabalu to the DBKL training hub",
        Interaction.Kind.EMAIL,
        20,
        ["Awang Kassim bin Awang Ali"],
        None,
        False,
        "Delegation of twelve; asked for a programme draft.",
    ),
    (
        "Ministry position on council upgrades",
        Interaction.Kind.MEETING,
        3,
        ["Siti Hajar binti Othman"],
        -1,
        True,
        "Shared in confidence: the ministry is reviewing which district councils become municipal councils.",
    ),
    (
        "VLR guidelines peer review",
        Interaction.Kind.EVENT_CONVERSATION,
        40,
        ["Maria Theresa Santos", "Rajesh a/l Subramaniam"],
        None,
        False,
        "Met at the Malaysia Urban Forum.",
    ),
]


def _person(owner, honorific, full_name, gender, email, mobile, languages):
    person, created = Person.objects.get_or_create(
        email=email,
        defaults={
            "honorific": honorific,
            "full_name": full_name,
            "gender": gender,
            "mobile": normalise_phone(mobile),
            "languages": languages,
            "owner": owner,
        },
    )
    if created:
        # Most demo people consented to every purpose; a few withdrew one, as real people do.
        for purpose in Purpose.objects.all():
            withdrawn = purpose.key == Purpose.NEWSLETTER and len(full_name) % 3 == 0
            Consent.objects.create(
                person=person,
                purpose=purpose,
                status=Consent.Status.WITHDRAWN if withdrawn else Consent.Status.GIVEN,
                date=date(2025, 1, 15),
                source="Business card exchanged at a meeting",
                notice_version=purpose.version,
            )
    return person


@register
class SeedContacts(Loader):
    order = 20

    def load(self, log):
        owner = get_user_model().objects.get(username="officer")
        organisations = {o.reference_key: o for o in Organisation.objects.filter(reference_key__isnull=False)}
        people = {}
        for honorific, name, gender, email, mobile, languages, posts in PEOPLE:
            person = _person(owner, honorific, name, gender, email, mobile, languages)
            people[name] = person
            for key, position, department, start, end in posts:
                Affiliation.objects.get_or_create(
                    person=person,
                    organisation=organisations[key],
                    position=position,
                    defaults={
                        "department": department,
                        "start_date": start,
                        "end_date": end,
                        "is_current": end is None,
                    },
                )
        for org_key in (DBKL, MBPP):
            Organisation.objects.filter(reference_key=org_key, owner__isnull=True).update(owner=owner, uclg_member=True)
        today = timezone.localdate()
        for subject, kind, days_ago, names, follow_up, confidential, notes in INTERACTIONS:
            if Interaction.objects.filter(subject=subject).exists():
                continue
            occurred = timezone.make_aware(datetime.combine(today - timedelta(days=days_ago), time(10, 0)))
            interaction = Interaction.objects.create(
                subject=subject,
                kind=kind,
                occurred_at=occurred,
                notes=notes,
                follow_up_date=today + timedelta(days=follow_up) if follow_up is not None else None,
                confidential=confidential,
                author=owner,
            )
            members = [people[n] for n in names]
            interaction.people.add(*members)
            interaction.organisations.add(
                *Organisation.objects.filter(affiliations__person__in=members, affiliations__is_current=True).distinct()
            )
        # Entered twice, as offices do: a second card for the DBKL director, without "bin" and with the address in
        # capitals. The duplicate finder pairs them (same e-mail, similar name at the same organisation) for a merge.
        twin = _person(owner, "", "Mohd Faizal Abdullah", "male", "FAIZAL.ABDULLAH@DBKL.EXAMPLE", "", "Malay")
        Affiliation.objects.get_or_create(
            person=twin, organisation=organisations[DBKL], position="Director", defaults={"is_current": True}
        )
        pairs = duplicates.rebuild()
        log(f"demo contacts: {len(PEOPLE) + 1} people, {len(INTERACTIONS)} interactions (one confidential)")
        log(f"demo duplicates: {pairs}")
