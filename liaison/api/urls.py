"""/api/v1/: every app's resources (registry.py), the OpenAPI schema and its documentation, and the token page."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views
from .permissions import HasRole
from .registry import registry

app_name = "api"


def resource_patterns():
    router = SimpleRouter()
    for resource in registry.entries():
        router.register(resource.prefix, resource.viewset, basename=resource.basename or None)
    return router.urls


def _authenticated_by_drf(patterns):
    """The API authenticates its own requests (token or session): the log-in redirect is not for it."""
    for pattern in patterns:
        pattern.callback = login_not_required(pattern.callback)
    return patterns


docs = {"permission_classes": [HasRole]}
urlpatterns = [
    *_authenticated_by_drf(
        [
            *resource_patterns(),
            path("schema/", SpectacularAPIView.as_view(**docs), name="schema"),
            path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema", **docs), name="swagger"),
            path("redoc/", SpectacularRedocView.as_view(url_name="api:schema", **docs), name="redoc"),
        ]
    ),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
