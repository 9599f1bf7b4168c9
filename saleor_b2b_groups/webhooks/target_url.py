"""Which ERP endpoint URLs are accepted: what Saleor's HTTP client would call.

Deliveries go through Saleor's ``HTTPClient`` (``requests_hardened``), whose IP
filter refuses loopback, link-local, private, multicast and other reserved
addresses unless Saleor's settings allow them (``HTTP_IP_FILTER_ENABLED``,
``HTTP_IP_FILTER_ALLOW_LOOPBACK_IPS``). An endpoint it would refuse would only fail
at every delivery, so it is refused when it is created or changed, with the same
check: ``requests_hardened.ip_filter.get_ip_address``, on the address the host
resolves to now. A host that does not resolve (yet) is accepted; the filter still
runs at every delivery, since DNS can change.
"""

from urllib.parse import urlsplit

import requests_hardened.ip_filter as ip_filter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from .error_codes import ErpIntegrationErrorCode as Code

#: Schemes an endpoint may use.
SCHEMES = ("http", "https")

_validate_url = URLValidator(schemes=list(SCHEMES))


def target_url_problem(url: str) -> tuple[str, Code] | None:
    """Why ``url`` cannot be an endpoint's target (message, code), or None.

    ``INVALID``: not an absolute http(s) URL with a host; ``FORBIDDEN_ADDRESS``:
    an address Saleor's HTTP filter refuses.
    """
    try:
        _validate_url(url)
    except ValidationError:
        return "An absolute http(s) URL with a host is required.", Code.INVALID
    parts = urlsplit(url)
    if parts.username or parts.password:
        message = "Credentials in the URL are not allowed: sign with the secret key."
        return message, Code.INVALID
    if not settings.HTTP_IP_FILTER_ENABLED:
        return None
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return "The URL's port is not valid.", Code.INVALID
    try:
        ip_filter.get_ip_address(
            host, port, allow_loopback=settings.HTTP_IP_FILTER_ALLOW_LOOPBACK_IPS
        )
    except ip_filter.InvalidIPAddress:
        message = (
            "The host is a loopback, link-local, private or reserved address, "
            "which Saleor's HTTP filter refuses."
        )
        return message, Code.FORBIDDEN_ADDRESS
    except (OSError, UnicodeError):
        return None  # does not resolve now; the filter runs again at delivery
    return None
