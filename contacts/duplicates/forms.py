"""The forms' warning, before saving, of records that look like the one being saved."""

from django import forms
from django.utils.translation import gettext_lazy as _

WARNED_OF = 5  # likely duplicates named in the warning


class DuplicateWarning:
    """A record form that names likely duplicates and saves only once the user presses "Save anyway".

    The form calls warn_of_duplicates(cleaned) at the end of its clean(); `likely_duplicates(cleaned)` says which.
    """

    duplicates = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["save_anyway"] = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def likely_duplicates(self, cleaned) -> list:
        raise NotImplementedError

    def warn_of_duplicates(self, cleaned):
        if self.errors or cleaned.get("save_anyway"):
            return
        self.duplicates = self.likely_duplicates(cleaned)
        if self.duplicates:
            self.add_error(
                None,
                forms.ValidationError(
                    _(
                        "This looks like a record already in Liaison (listed below). Open them to check; if this "
                        "is a different one, press “Save anyway”."
                    ),
                    code="likely_duplicate",
                ),
            )
