"""What each role gets from the contacts URLs (gathered by liaison/tests/test_url_walk.py)."""

from liaison.tests.walk import READ, Case

CASES = {
    "contacts:organisation_autocomplete": Case(READ, query="?q=majlis"),
    "contacts:person_autocomplete": Case(READ, query="?q=ahmad"),
}
