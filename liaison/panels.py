"""Panels that one app adds to another app's detail pages.

An organisation's page in Contacts shows its partnerships (Partnerships), its funding
opportunities (Funding) and so on, without Contacts knowing those apps: each app registers
a panel for a model in its AppConfig.ready(), and the page renders `{% detail_panels object %}`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string


@dataclass(frozen=True)
class Panel:
    model: str  # "app_label.modelname" of the page the panel goes on
    template: str
    # Returns the template's context, or None to leave the panel out (e.g. no permission).
    context: Callable
    order: int = 100


_panels: list[Panel] = []


def register(panel: Panel) -> None:
    if panel not in _panels:
        _panels.append(panel)


def render_for(request, obj) -> list[str]:
    label = obj._meta.label_lower
    rendered = []
    for panel in sorted((p for p in _panels if p.model == label), key=lambda p: p.order):
        context = panel.context(request, obj)
        if context is not None:
            rendered.append(render_to_string(panel.template, {"object": obj, **context}, request=request))
    return rendered
