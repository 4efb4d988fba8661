from django.db import connection
from django.test.utils import CaptureQueriesContext

PDF_BYTES = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def query_count(client, url):
    """How many SQL queries a successful GET of `url` runs."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)
