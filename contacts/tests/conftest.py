import pytest
from django.core.management import call_command


@pytest.fixture
def reference_data(db):
    call_command("load_reference", verbosity=0)
