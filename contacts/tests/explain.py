"""What PostgreSQL would do with each query of a page: the big tables it would read whole (a sequential scan).

On a test's few rows the planner prefers reading a table whole, so sequential scans are disabled first
(`enable_seqscan = off`): a table it still reads whole is one that no index serves for that query's filter or
order, which at office scale (100k people, 300k interactions) is a slow page.
"""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

BIG_TABLES = (
    "contacts_person",
    "contacts_organisation",
    "contacts_interaction",
    "events_event",
    "events_participation",
)
SEQ_SCAN = re.compile(r"Seq Scan on (\w+)")


def plan(sql: str, params=None) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def sequential_scans(client, url, tables=BIG_TABLES, main_only=False):
    """{query: plan} for each SELECT of the page at `url` that reads one of `tables` whole, seqscan disabled.

    `main_only`: only the queries that fetch or count the page's rows (a LIMIT), not the form's or the layout's.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # until the test's transaction is rolled back
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    found = {}
    for query in captured.captured_queries:
        sql = query["sql"]
        if not sql.lstrip().upper().startswith("SELECT") or not any(f'"{table}"' in sql for table in tables):
            continue
        if main_only and " LIMIT " not in sql:
            continue
        explained = plan(sql)
        if any(table in tables for table in SEQ_SCAN.findall(explained)):
            found[sql] = explained
    return found


def big_tables_read(client, url, tables=BIG_TABLES):
    """How many SELECTs of the page read one of `tables` (so that a test proves it looked at some)."""
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return sum(
        1
        for query in captured.captured_queries
        if query["sql"].lstrip().upper().startswith("SELECT") and any(f'"{t}"' in query["sql"] for t in tables)
    )
