"""Write a report's built-in Word template to a file, to start a replacement from it."""

from django.core.management.base import BaseCommand

from liaison.reports.documents import default_template
from liaison.reports.models import ReportTemplate


class Command(BaseCommand):
    help = "Write the built-in Word template of a report (activity, back_to_office) to a .docx file."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=ReportTemplate.Kind.values)
        parser.add_argument("path", help="where to write the .docx")

    def handle(self, *args, kind, path, **options):
        with open(path, "wb") as handle:
            handle.write(default_template(kind))
        self.stdout.write(f"Wrote {path}")
