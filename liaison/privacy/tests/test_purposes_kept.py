"""The five purposes survive what empties the tables: a flush is followed by post_migrate, which puts them back."""

import pytest
from django.core.management import call_command

from liaison.privacy.models import Purpose


@pytest.mark.django_db(transaction=True)
def test_a_flush_leaves_the_five_purposes_in_place():
    call_command("flush", interactive=False, verbosity=0)
    assert set(Purpose.objects.values_list("key", flat=True)) == {
        "invitations",
        "newsletter",
        "partnership_work",
        "event_registration",
        "statistics",
    }
