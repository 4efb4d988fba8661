"""Build a benchmark data set at office or regional scale, with names and texts like the office's own.

    .venv/bin/python bench/generate.py --scale office      # 100k people, 300k interactions… (see SCALES)
    .venv/bin/python bench/generate.py --scale regional    # 1M people, 3M interactions, the rest three times

It writes into the database of DATABASE_URL (migrated, with reference and demo data: `make bench` does both),
through the ORM's bulk_create for the records and PostgreSQL's COPY for the many-to-many links.
Everything is random but seeded, so two runs build the same data.
"""

import argparse
import io
import itertools
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from contacts.models import Affiliation, Interaction, Organisation, Person  # noqa: E402
from events.models import Event, Participation  # noqa: E402
from funding.models import FundingOpportunity  # noqa: E402
from liaison.privacy.models import Purpose  # noqa: E402
from liaison.reference.models import State, Theme  # noqa: E402
from partnerships.models import PartnerRole, Partnership  # noqa: E402

KINDS = ("organisations", "people", "interactions", "partnerships", "opportunities", "events", "participations")
SCALES = {
    "tiny": dict(zip(KINDS, (300, 1_000, 3_000, 100, 100, 200, 2_000), strict=True)),
    "office": dict(zip(KINDS, (30_000, 100_000, 300_000, 10_000, 10_000, 20_000, 200_000), strict=True)),
    "regional": dict(zip(KINDS, (90_000, 1_000_000, 3_000_000, 30_000, 30_000, 60_000, 600_000), strict=True)),
}

BATCH = 5_000


def names(text):
    return text.split()


# Names as they occur in Malaysia and the region: Malay (bin/binti), Chinese, Indian (a/l, a/p), and
# other Asia-Pacific forms, so that trigram statistics look like the office's own contacts.
MALAY_MEN = names(
    "Ahmad Mohd Muhammad Faizal Hafiz Azman Rizal Hakim Syed Zulkifli Ismail Kamarul "
    "Nizam Amir Firdaus Rahman Hisham Shahrul Aziz Nor Ikhwan Khairul Fadzil Halim Zainal"
)
MALAY_WOMEN = names(
    "Nur Siti Aisyah Farah Nurul Zarina Hafizah Aminah Rohani Salmah "
    "Norazlina Fatimah Rozita Haslinda Mazlina Suraya Nabilah Izzati Syazwani Liyana"
)
MALAY_FATHERS = names(
    "Hassan Abdullah Ibrahim Ismail Osman Yusof Ahmad Ali Hamid Rahim "
    "Salleh Omar Karim Jaafar Mahmud Sulaiman Daud Harun Musa Bakar"
)
CHINESE_SURNAMES = names("Tan Lim Lee Wong Ng Chan Chong Ong Teoh Goh Yap Loh Chua Khoo Foo Cheah Low Koh Tay Liew")
CHINESE_GIVEN = names(
    "Wei Ming Mei Ling Kah Seng Siew Lan Chee Keong Hui Min Boon Huat Li Ting Jia Hao Soo Fen Yee Ling Kok Wai Ai Lian"
)
INDIAN_GIVEN = names(
    "Suresh Ramesh Kumar Priya Kavitha Ganesan Murugan Lakshmi Devi Arjun Vijay Meena Anand Rajesh Shanti"
)
INDIAN_FATHERS = names("Rajan Subramaniam Krishnan Muthu Pillai Raman Nair Gopal Perumal Sivam")
REGION_NAMES = [
    "Nguyen Van Minh", "Tran Thi Lan", "Maria Santos", "Jose Reyes", "Siti Rahayu", "Budi Santoso", "Somchai Srisuk",
    "Kanya Chaiyaporn", "Kenji Tanaka", "Yuki Sato", "Kim Min-jun", "Park Ji-woo", "Ananda Perera", "Nimal Silva",
    "Aung Kyaw", "Tenzin Dorji", "Ravi Shrestha", "Farida Akter", "Sophea Chan", "Bounmy Phommachanh",
]  # fmt: skip
HONORIFICS = ["", "", "", "", "Encik", "Puan", "Dr.", "Ir.", "Dato'", "Datuk", "Datin", "Tan Sri", "YB", "Prof."]
POSITIONS = [
    "Mayor", "President", "Secretary", "Director of Planning", "Deputy Director", "Senior Officer", "Town Planner",
    "Engineer", "Head of Corporate Communication", "Assistant Secretary", "Programme Officer", "Councillor",
    "Pengarah", "Timbalan Pengarah", "Setiausaha", "Penolong Pegawai", "Datuk Bandar", "Yang Dipertua",
]  # fmt: skip
PLACES = [
    "Shah Alam", "Petaling Jaya", "Subang Jaya", "Klang", "Kajang", "Seremban", "Ipoh", "Kuantan", "Kuching", "Miri",
    "Kota Kinabalu", "Sandakan", "Johor Bahru", "Iskandar Puteri", "Melaka", "Alor Setar", "Kangar", "Kota Bharu",
    "Kuala Terengganu", "Seberang Perai", "George Town", "Taiping", "Batu Pahat", "Muar", "Sungai Petani", "Sibu",
    "Bintulu", "Tawau", "Putrajaya", "Selayang", "Ampang Jaya", "Hulu Selangor", "Sepang", "Kulai", "Manjung",
    "Jakarta", "Surabaya", "Bandung", "Manila", "Quezon City", "Cebu", "Bangkok", "Hanoi", "Da Nang", "Phnom Penh",
    "Yokohama", "Busan", "Colombo", "Kathmandu", "Dhaka",
]  # fmt: skip
ORG_FORMS = [
    ("Majlis Bandaraya {p}", "{p} City Council", "local_government"),
    ("Majlis Perbandaran {p}", "{p} Municipal Council", "local_government"),
    ("Majlis Daerah {p}", "{p} District Council", "local_government"),
    ("Persatuan {p}", "{p} Community Association", "ngo"),
    ("Universiti {p}", "University of {p}", "research"),
    ("", "{p} Urban Institute", "think_tank"),
    ("", "{p} Development Corporation", "private_sector"),
    ("", "{p} Climate Resilience Network", "city_network"),
    ("Jabatan Perancangan {p}", "{p} Planning Department", "state_government"),
]  # fmt: skip
TOPICS = [
    "climate resilience", "flood mitigation", "smart city", "waste management", "urban mobility", "SDG localisation",
    "Voluntary Local Review", "affordable housing", "green building", "disaster risk reduction",
    "heritage conservation", "public health", "digital services", "low carbon city", "river rehabilitation",
    "gender equality", "youth participation", "municipal finance", "air quality", "sister city",
]  # fmt: skip
SUBJECTS = [
    "Meeting on {t} with {o}", "Call about {t}", "Follow-up: {t} workshop", "Mesyuarat {t}",
    "E-mail to {o} on {t}", "Visit to {o}", "Briefing on {t} for {o}", "Discussion of the {t} proposal",
]  # fmt: skip
NOTES = [
    "Agreed to share the {t} action plan before the next forum.",
    "{o} asked for technical support on {t}; to be raised with the secretariat.",
    "Discussed a possible MOU covering {t} and a joint training at the DBKL Institute.",
    "Perbincangan mengenai {t}; tindakan susulan oleh pegawai.",
    "",
]  # fmt: skip


def person_name(rng):
    """(honorific, full name, gender) in one of the naming customs of the region."""
    custom = rng.random()
    if custom < 0.55:
        woman = rng.random() < 0.45
        given = rng.choice(MALAY_WOMEN if woman else MALAY_MEN)
        second = rng.choice(MALAY_MEN + MALAY_WOMEN)
        link = "binti" if woman else "bin"
        name = f"{given} {second} {link} {rng.choice(MALAY_FATHERS)}"
        gender = "female" if woman else "male"
    elif custom < 0.8:
        name = f"{rng.choice(CHINESE_SURNAMES)} {rng.choice(CHINESE_GIVEN)} {rng.choice(CHINESE_GIVEN)}"
        gender = rng.choice(["female", "male"])
    elif custom < 0.92:
        woman = rng.random() < 0.5
        link = "a/p" if woman else "a/l"
        name = f"{rng.choice(INDIAN_GIVEN)} {link} {rng.choice(INDIAN_FATHERS)}"
        gender = "female" if woman else "male"
    else:
        name = rng.choice(REGION_NAMES)
        gender = rng.choice(["female", "male", ""])
    return rng.choice(HONORIFICS), name, gender


def email_for(name, n):
    local = "".join(ch for ch in name.lower().replace(" ", ".") if ch.isalnum() or ch == ".")
    return f"{local[:40]}.{n}@example.gov.my"


def copy_rows(table, columns, rows):
    """Write rows (tuples) into `table` with COPY."""
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(str(value) for value in row) + "\n")
    buffer.seek(0)
    with connection.cursor() as cursor:
        cursor.cursor.copy_from(buffer, table, columns=columns)


def ids(model, since):
    return list(model.objects.filter(pk__gt=since).order_by("pk").values_list("pk", flat=True))


def max_id(model):
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return last or 0


def bulk(model, objects):
    model.objects.bulk_create(objects, batch_size=BATCH)


def generate(scale: str, seed: int = 2026, out=print):
    sizes = SCALES[scale]
    rng = random.Random(seed)  # noqa: S311 (benchmark data, not secrets)
    now = timezone.now()
    User = get_user_model()
    officers = list(User.objects.filter(is_active=True).values_list("pk", flat=True)) or [None]
    states = list(State.objects.values_list("pk", flat=True)) or [None]
    themes = list(Theme.objects.values_list("pk", flat=True))
    timings = {}

    def step(name):
        timings[name] = time.perf_counter()
        out(f"  {name}…")

    with transaction.atomic():
        step("organisations")
        first = max_id(Organisation)
        objects = []
        for n in range(sizes["organisations"]):
            local, english, kind = rng.choice(ORG_FORMS)
            place = rng.choice(PLACES)
            suffix = f" {n // len(PLACES)}" if n >= len(PLACES) * len(ORG_FORMS) else ""
            name = english.format(p=place) + suffix
            acronym = "".join(word[0] for word in (local or english).format(p=place).split()).upper()[:8]
            objects.append(
                Organisation(
                    name=name,
                    name_local=local.format(p=place) + suffix if local else "",
                    acronym=acronym,
                    kind=kind,
                    state_id=rng.choice(states),
                    city=place,
                    owner_id=rng.choice(officers),
                    notes=f"Works on {rng.choice(TOPICS)}." if rng.random() < 0.3 else "",
                )
            )
        bulk(Organisation, objects)
        organisations = ids(Organisation, first)
        org_names = dict(Organisation.objects.filter(pk__gt=first).values_list("pk", "acronym"))
        copy_rows(
            "contacts_organisation_themes",
            ("organisation_id", "theme_id"),
            ((pk, theme) for pk in organisations[::3] for theme in rng.sample(themes, min(2, len(themes)))),
        )

        step("people")
        first = max_id(Person)
        objects = []
        for n in range(sizes["people"]):
            honorific, name, gender = person_name(rng)
            objects.append(
                Person(
                    honorific=honorific,
                    full_name=name,
                    gender=gender,
                    email=email_for(name, n) if rng.random() < 0.9 else "",
                    mobile=f"+6012{rng.randrange(1000000, 9999999)}" if rng.random() < 0.6 else "",
                    country="MY" if rng.random() < 0.85 else rng.choice(["ID", "PH", "TH", "VN", "JP", "KR", "LK"]),
                    do_not_contact=rng.random() < 0.02,
                    owner_id=rng.choice(officers),
                )
            )
        bulk(Person, objects)
        people = ids(Person, first)
        copy_rows(
            "contacts_person_themes",
            ("person_id", "theme_id"),
            ((pk, theme) for pk in people[::4] for theme in rng.sample(themes, min(1, len(themes)))),
        )
        # Consent per purpose, as an office records it: most people answered, some refused or withdrew one.
        purposes = list(Purpose.objects.values_list("pk", "version"))
        today = timezone.localdate().isoformat()
        copy_rows(
            "contacts_consent",
            ("person_id", "purpose_id", "status", "date", "source", "notice_version", "recorded_at"),
            (
                (pk, purpose, rng.choice(["given", "given", "refused", "withdrawn"]), today, "bench", version, today)
                for pk in people
                if rng.random() < 0.75
                for purpose, version in purposes
            ),
        )

        step("affiliations")
        objects = []
        for pk in people:
            for post in range(1 if rng.random() < 0.8 else 2):
                objects.append(
                    Affiliation(
                        person_id=pk,
                        organisation_id=rng.choice(organisations),
                        position=rng.choice(POSITIONS),
                        is_current=post == 0 and rng.random() < 0.92,
                    )
                )
        bulk(Affiliation, objects)

        step("interactions")
        first = max_id(Interaction)
        objects = []
        for _ in range(sizes["interactions"]):
            topic = rng.choice(TOPICS)
            org = org_names.get(rng.choice(organisations)) or "the council"
            follow_up = rng.random() < 0.15
            objects.append(
                Interaction(
                    occurred_at=now - timedelta(minutes=rng.randrange(0, 4 * 365 * 24 * 60)),
                    kind=rng.choice(["meeting", "call", "email", "visit", "message"]),
                    subject=rng.choice(SUBJECTS).format(t=topic, o=org),
                    notes=rng.choice(NOTES).format(t=topic, o=org),
                    follow_up_date=(now + timedelta(days=rng.randrange(-60, 60))).date() if follow_up else None,
                    follow_up_done=follow_up and rng.random() < 0.5,
                    confidential=rng.random() < 0.05,
                    author_id=rng.choice(officers),
                )
            )
        bulk(Interaction, objects)
        interactions = ids(Interaction, first)
        copy_rows(
            "contacts_interaction_people",
            ("interaction_id", "person_id"),
            ((pk, person) for pk in interactions for person in set(rng.sample(people, rng.choice([1, 1, 2])))),
        )
        copy_rows(
            "contacts_interaction_organisations",
            ("interaction_id", "organisation_id"),
            ((pk, rng.choice(organisations)) for pk in interactions if rng.random() < 0.7),
        )

        step("partnerships")
        first = max_id(Partnership)
        stages = [value for value, _ in Partnership.Stage.choices]
        bulk(
            Partnership,
            [
                Partnership(
                    title=f"{rng.choice(TOPICS).capitalize()} partnership with {rng.choice(PLACES)} {n}",
                    stage=rng.choice(stages),
                    objectives=f"Cooperation on {rng.choice(TOPICS)} and {rng.choice(TOPICS)}.",
                    next_step=rng.choice(["Draft the LOI", "Send the concept note", "Plan a joint forum", ""]),
                    owner_id=rng.choice(officers),
                )
                for n in range(sizes["partnerships"])
            ],
        )
        bulk(
            PartnerRole,
            [
                PartnerRole(partnership_id=pk, organisation_id=org, role=role)
                for pk in ids(Partnership, first)
                for org, role in zip(rng.sample(organisations, 2), ["lead", "partner"], strict=True)
            ],
        )

        step("funding opportunities")
        funders = organisations[: max(1, len(organisations) // 20)]
        statuses = [value for value, _ in FundingOpportunity.Status.choices]
        bulk(
            FundingOpportunity,
            [
                FundingOpportunity(
                    title=f"Call for proposals: {rng.choice(TOPICS)} {n}",
                    funder_id=rng.choice(funders),
                    currency="MYR",
                    amount_max=rng.randrange(50, 5000) * 1000,
                    deadline=now + timedelta(days=rng.randrange(-700, 400)),
                    status=rng.choice(statuses),
                    owner_id=rng.choice(officers),
                )
                for n in range(sizes["opportunities"])
            ],
        )

        step("events")
        first = max_id(Event)
        kinds = [value for value, _ in Event.Kind.choices]
        events = []
        for n in range(sizes["events"]):
            start = now + timedelta(days=rng.randrange(-4 * 365, 180), hours=rng.randrange(0, 10))
            events.append(
                Event(
                    title=f"{rng.choice(['Forum', 'Training', 'Workshop', 'Bengkel', 'Seminar'])} on "
                    f"{rng.choice(TOPICS)} {n}",
                    kind=rng.choice(kinds),
                    start=start,
                    end=start + timedelta(hours=rng.choice([3, 8, 32])),
                    venue=rng.choice(["DBKL Institute", "Menara DBKL", "Online", "Putrajaya International Convention"]),
                    city=rng.choice(PLACES),
                    status="held" if start < now else "planned",
                    owner_id=rng.choice(officers),
                )
            )
        bulk(Event, events)
        event_ids = ids(Event, first)

        step("participations")
        statuses = ["attended", "attended", "registered", "invited", "no_show"]
        # The largest event has 500 participants; the rest share what remains.
        rows, seen = [], set()
        largest = event_ids[0]
        for person in rng.sample(people, min(500, len(people))):
            seen.add((largest, person))
            rows.append(Participation(event_id=largest, person_id=person, status="attended"))
        while len(rows) < sizes["participations"]:
            pair = (rng.choice(event_ids), rng.choice(people))
            if pair not in seen:
                seen.add(pair)
                rows.append(Participation(event_id=pair[0], person_id=pair[1], status=rng.choice(statuses)))
        bulk(Participation, rows)
        step("done")

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    steps = list(timings)
    for before, after in itertools.pairwise(steps):
        out(f"{before:>22}: {timings[after] - timings[before]:6.1f} s")
    return timings[steps[-1]] - timings[steps[0]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="office")
    parser.add_argument("--seed", type=int, default=2026)
    options = parser.parse_args()
    started = time.perf_counter()
    print(f"Generating the {options.scale} data set into {connection.settings_dict['NAME']}")
    with connection.cursor() as cursor:  # the COPYs and the final ANALYZE run longer than any page may
        cursor.execute("SET statement_timeout = 0")
    generate(options.scale, options.seed)
    print(f"Generated in {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
