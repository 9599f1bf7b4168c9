"""Signatures exactly as Saleor signs its own webhooks (``Saleor-Signature``)."""

from saleor.webhook.transport import signature_for_payload


def sign(body: bytes, secret_key: str) -> str:
    """HMAC-SHA256 hex digest with the endpoint's secret; without one, a detached
    JWS (RS256) with Saleor's key, verifiable with ``/.well-known/jwks.json``."""
    return signature_for_payload(body, secret_key or None)
