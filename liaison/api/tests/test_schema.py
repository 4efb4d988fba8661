"""The OpenAPI schema: valid, without a single warning of drf-spectacular, and covering every resource."""

import yaml
from django.core.management import call_command
from django.urls import get_resolver

RESOURCES = (
    "organisations", "people", "affiliations", "interactions", "partnerships", "agreements",
    "funding-opportunities", "milestones", "events", "participations",
)  # fmt: skip


def api_route_names():
    """Every name of a route under /api/v1/ that serves a resource (`<basename>-list` / `-detail`)."""
    api = get_resolver().namespace_dict["api"][1]
    return {name for name in api.reverse_dict if isinstance(name, str) and name.endswith(("-list", "-detail"))}


def test_the_schema_validates_with_no_warning_and_has_every_endpoint(tmp_path):
    target = tmp_path / "schema.yml"

    # --fail-on-warn: an authenticator, a filter or a field the generator cannot describe fails the test.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))

    schema = yaml.safe_load(target.read_text())
    paths = set(schema["paths"])
    for resource in RESOURCES:
        assert {f"/api/v1/{resource}/", f"/api/v1/{resource}/{{id}}/"} <= paths, resource
    assert len(api_route_names()) == 2 * len(RESOURCES)  # a new resource is added to RESOURCES as well
    assert schema["components"]["securitySchemes"]["personalToken"] == {"type": "http", "scheme": "bearer"}
    for operation in schema["paths"]["/api/v1/milestones/"].values():
        assert {"personalToken": []} in operation["security"]
