"""Rate limits of the API: per token (each token its own budget), else per logged-in user.

`API_RATE_LIMIT` (environment `RATELIMIT_API`, default 600/m) is read at each request; past it the
API answers 429 with `Retry-After` (seconds). The counters are in the cache (Redis in production,
so every gunicorn process shares them). RATELIMIT_ENABLE=False (the tests' default) turns them off.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "api"
    cache_format = "api-throttle:%(scope)s:%(ident)s"

    def get_rate(self):
        return settings.API_RATE_LIMIT

    def allow_request(self, request, view):
        if not getattr(settings, "RATELIMIT_ENABLE", True):
            return True
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            return None  # refused anyway (401) by the permissions
        return self.cache_format % {"scope": self.scope, "ident": ident}
