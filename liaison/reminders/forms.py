from django import forms

from .models import NotificationPreference


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["delivery", "digest_hour", "language"]
        widgets = {"delivery": forms.RadioSelect}
