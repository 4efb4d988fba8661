"""The import's forms: the file and how to read it, then the field of each column."""

from django import forms
from django.utils.translation import gettext_lazy as _

from liaison.web.uploads import upload_field

from ..models import ImportMapping
from .mapping import FIELDS, KINDS, PEOPLE, check
from .plan import SKIP, UPDATE
from .readers import max_bytes

ENCODINGS = [
    ("", _("Detect")),
    ("utf-8", "UTF-8"),
    ("utf-8-sig", _("UTF-8 with BOM")),
    ("utf-16", "UTF-16"),
    ("cp1252", "Windows-1252"),
    ("latin-1", "ISO-8859-1"),
]
DELIMITERS = [("", _("Detect")), (",", _("Comma")), (";", _("Semicolon")), ("\t", _("Tab")), ("|", _("Bar (|)"))]
DUPLICATES = [
    (UPDATE, _("Update the existing record with the file's values")),
    (SKIP, _("Skip the row, leave the existing record as it is")),
]


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("Import"), choices=list(KINDS.items()), initial=PEOPLE)
    file = upload_field(
        label=_("File"), help_text=_("CSV, Excel (.xlsx) or vCard (.vcf), as Excel, Outlook or a phone saves it.")
    )
    duplicates = forms.ChoiceField(
        label=_("A row matching a record already in Liaison"), choices=DUPLICATES, initial=UPDATE
    )
    mapping = forms.ModelChoiceField(
        ImportMapping.objects.all(),
        label=_("Saved mapping"),
        required=False,
        empty_label=_("Propose from the headers"),
    )
    encoding = forms.ChoiceField(label=_("Encoding"), choices=ENCODINGS, required=False)
    delimiter = forms.ChoiceField(label=_("Delimiter"), choices=DELIMITERS, required=False)
    sheet = forms.CharField(
        label=_("Sheet"), max_length=100, required=False, help_text=_("Excel: the sheet to read (the first if empty).")
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(
                _("The file is too large: an import takes files up to %(limit)s MB.")
                % {"limit": max_bytes() // (1024 * 1024)}
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        mapping = cleaned.get("mapping")
        if mapping and cleaned.get("kind") and mapping.kind != cleaned["kind"]:
            self.add_error("mapping", _("This mapping is for another kind of import."))
        return cleaned


class ImportMappingForm(forms.Form):
    """One choice of field per column of the file, and a name to save the mapping under."""

    save_as = forms.CharField(
        label=_("Save this mapping as"),
        max_length=100,
        required=False,
        help_text=_("To reuse it for the next file of the same shape (a mapping of that name is replaced)."),
    )

    def __init__(self, *args, batch, samples=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.batch = batch
        choices = [("", _("— ignore this column —")), *FIELDS[batch.kind].items()]
        self.columns = []
        for index, header in enumerate(batch.headers):
            name = f"column_{index}"
            self.fields[name] = forms.ChoiceField(
                label=header or _("(column %(number)s, no header)") % {"number": index + 1},
                choices=choices,
                required=False,
                initial=batch.columns[index] if index < len(batch.columns) else "",
            )
            self.columns.append((self[name], [row[index] for row in samples if index < len(row)]))

    def clean(self):
        cleaned = super().clean()
        columns = [cleaned.get(f"column_{index}", "") or "" for index in range(len(self.batch.headers))]
        for problem in check(columns, self.batch.kind):
            self.add_error(None, problem)
        cleaned["columns"] = columns
        return cleaned
