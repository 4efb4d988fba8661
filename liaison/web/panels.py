"""Panels that one app adds to another app's detail pages.

An organisation's page in Contacts shows its partnerships (Partnerships), its funding
opportunities (Funding) and so on, without Contacts knowing those apps: each app declares
panels in its own `panels.py`, and the page renders `{% detail_panels object %}`.

    @register
    class OrganisationPartnerships(Panel):
        model = "contacts.organisation"
        template = "partnerships/_organisation_panel.html"
        permission = "partnerships.view_partnership"

        def context(self, request, obj):
            return {...}
"""

from django.template.loader import render_to_string

from .registry import Entry, Registry


class Panel(Entry):
    model = ""  # "app_label.modelname" of the page the panel goes on
    template = ""

    def context(self, request, obj) -> dict | None:
        """The template's context; None leaves the panel out."""
        return {}


registry = Registry("panels", Panel)
register = registry.register


def render_for(request, obj) -> list[str]:
    label = obj._meta.label_lower
    rendered = []
    for panel in registry.visible_to(request.user):
        if panel.model != label:
            continue
        context = panel.context(request, obj)
        if context is not None:
            rendered.append(render_to_string(panel.template, {"object": obj, **context}, request=request))
    return rendered
