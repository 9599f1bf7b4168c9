"""A reference receiver for saleor-b2b-groups' ERP events (docs/erp/receiver.md).

It does what every receiver must: verify ``Saleor-Signature`` (the HMAC of the body
with the endpoint's secret, or, for an endpoint without a secret, Saleor's detached
JWS checked against its JWKS), deduplicate by event id (a redelivery carries the
same id), and never apply an aggregate's older event over a newer one
(``sequence``). It answers 2xx only once an event is stored, so anything else is
retried by Saleor.

    python examples/erp_receiver.py --secret a-long-shared-secret
    python examples/erp_receiver.py --jwks-url http://127.0.0.1:8000/.well-known/jwks.json

Standard library only, plus PyJWT for the JWS (Saleor's environment has it). Events
are kept in memory and printed; a real receiver stores them in its own database, in
the transaction that records the id as seen.
"""

import argparse
import hashlib
import hmac
import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Receiver:
    """Verifies, deduplicates and orders events; ``handle`` is the whole logic."""

    secret: str = ""
    jwks_url: str = ""
    events: list[dict] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    last_sequence: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._jwks = None
        if self.jwks_url:
            import jwt

            self._jwks = jwt.PyJWKClient(self.jwks_url)  # fetched once, cached

    def is_from_saleor(self, body: bytes, signature: str) -> bool:
        if self.secret:
            expected = hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
            return hmac.compare_digest(expected, signature)
        import jwt

        try:  # by the header's kid: the token is detached with "b64": false
            key = self._jwks.get_signing_key(
                jwt.get_unverified_header(signature)["kid"]
            )
            jwt.api_jws.decode(
                signature, key=key.key, algorithms=["RS256"], detached_payload=body
            )
            return True
        except (jwt.PyJWTError, KeyError, AttributeError):
            return False

    def handle(self, body: bytes, headers: Mapping[str, str]) -> tuple[int, str]:
        """The HTTP status to answer and why."""
        if not self.is_from_saleor(body, headers.get("Saleor-Signature", "")):
            return 401, "bad signature"
        try:
            event = json.loads(body)
            event_id, sequence = event["id"], int(event["sequence"])
            aggregate = f"{event['aggregate']['type']}:{event['aggregate']['id']}"
        except (ValueError, KeyError, TypeError):
            return 400, "not an event"
        with self.lock:
            if event_id in self.seen:
                return 200, "duplicate"  # already applied: acknowledge, do nothing
            if sequence <= self.last_sequence.get(aggregate, 0):
                # older than what was applied: Saleor never sends out of order, so
                # this is a bug somewhere; do not let old data overwrite new.
                return 200, f"out of order: {aggregate} is past {sequence}"
            # A gap is normal: the endpoint subscribes to some event types only, or
            # was created after the aggregate's first events.
            self.events.append(event)  # apply it: here, keep it
            self.seen.add(event_id)
            self.last_sequence[aggregate] = sequence
        return 200, "stored"


def serve(
    receiver: Receiver, port: int, host: str = "127.0.0.1"
) -> ThreadingHTTPServer:
    """An HTTP server for ``receiver`` (not started: call ``serve_forever``)."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            status, reason = receiver.handle(body, self.headers)
            answer = reason.encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
            event = self.headers.get("Saleor-Event", "?")
            print(
                f"{status} {reason}: {event} {self.headers.get('B2B-Aggregate')}"
                f" #{self.headers.get('B2B-Sequence')}",
                flush=True,
            )

        def log_message(self, *args) -> None:
            pass

    return ThreadingHTTPServer((host, port), Handler)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=9000)
    parser.add_argument("--secret", default="", help="the endpoint's secretKey")
    parser.add_argument("--jwks-url", default="", help="for endpoints without a secret")
    return parser


def main() -> None:
    options = parser().parse_args()
    if not (options.secret or options.jwks_url):
        parser().error("give --secret or --jwks-url")
    receiver = Receiver(secret=options.secret, jwks_url=options.jwks_url)
    print(f"Receiving on http://127.0.0.1:{options.port}/", flush=True)
    serve(receiver, options.port).serve_forever()


if __name__ == "__main__":
    main()
