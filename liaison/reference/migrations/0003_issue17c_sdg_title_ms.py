import csv
from pathlib import Path

from django.db import migrations, models

SDGS_MS = Path(__file__).resolve().parent.parent / "data" / "sdgs_ms.csv"


def fill_malay_titles(apps, schema_editor):
    """The goals already loaded get their Malay title from data/sdgs_ms.csv (the loader does it for new installs)."""
    SDG = apps.get_model("reference", "SDG")
    with SDGS_MS.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            SDG.objects.filter(number=int(row["number"]), title_ms="").update(title_ms=row["short_title_ms"].strip())


class Migration(migrations.Migration):
    dependencies = [
        ("reference", "0002_currency_codes"),
    ]

    operations = [
        migrations.AddField(
            model_name="sdg",
            name="title_ms",
            field=models.CharField(blank=True, max_length=80, verbose_name="title in Bahasa Malaysia"),
        ),
        migrations.RunPython(fill_malay_titles, migrations.RunPython.noop),
    ]
