"""What drf-spectacular cannot guess about the API: how the personal tokens are sent."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object


class TokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "liaison.api.authentication.TokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix="Bearer")  # noqa: S106 (a keyword)
