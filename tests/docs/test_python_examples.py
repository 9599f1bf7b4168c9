"""The Python examples of the ERP guide run, against Saleor's own signatures.

``docs/erp/signatures.md`` shows a receiver how to verify ``Saleor-Signature``: an
HMAC with a secret, a detached JWS without. Each block is executed as written and
its ``is_from_saleor`` checked against signatures made by Saleor's signing code (the
one ERP deliveries use), with the JWKS served over HTTP as Saleor serves it.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from saleor.core.jwt_manager import get_jwt_manager

from docsite.examples import DOCS, ROOT, examples
from saleor_b2b_groups.webhooks.signing import sign

BODY = json.dumps({"id": "0c6f0c1e", "type": "customer_group_updated"}).encode()


def signature_example(kind: str):
    """The ``is_from_saleor`` of the signatures page's block using ``kind``."""
    [example] = [
        example
        for example in examples("python")
        if example.path == DOCS / "erp" / "signatures.md" and kind in example.code
    ]
    namespace: dict = {}
    exec(compile(example.code, example.where, "exec"), namespace)
    return namespace["is_from_saleor"]


@pytest.fixture
def jwks_url():
    """Saleor's public keys over HTTP, as ``/.well-known/jwks.json`` serves them."""
    body = json.dumps(get_jwt_manager().get_jwks()).encode()

    class JWKS(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), JWKS)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/.well-known/jwks.json"
    server.shutdown()


def test_the_signature_examples_are_run_here():
    signatures = [
        e for e in examples("python") if e.path == DOCS / "erp" / "signatures.md"
    ]

    assert len(signatures) == 2


@pytest.mark.parametrize(
    "example", examples("python"), ids=[e.where for e in examples("python")]
)
def test_every_python_example_compiles(example):
    # a block that includes a tested file (--8<--) shows that file: compile it
    code = example.code.strip()
    if code.startswith("--8<--"):
        path = ROOT / code.split('"')[1]
        code = path.read_text()
    compile(code, example.where, "exec")


def test_the_hmac_example_verifies_saleors_signature():
    is_from_saleor = signature_example("hmac")
    signature = sign(BODY, "a-long-shared-secret")

    assert is_from_saleor(BODY, signature, "a-long-shared-secret")
    assert not is_from_saleor(BODY + b" ", signature, "a-long-shared-secret")
    assert not is_from_saleor(BODY, signature, "another-secret")


def test_the_jws_example_verifies_saleors_signature(jwks_url):
    is_from_saleor = signature_example("PyJWKClient")
    signature = sign(BODY, "")
    jwks = jwt.PyJWKClient(jwks_url)

    assert is_from_saleor(BODY, signature, jwks)
    assert not is_from_saleor(BODY + b" ", signature, jwks)
    assert not is_from_saleor(BODY, "not-a-jws", jwks)


def test_pyjwt_cannot_look_the_key_up_from_saleors_token(jwks_url):
    # why the example looks the key up by kid: PyJWT 2.13's own lookup fails on a
    # detached, unencoded ("b64": false) token
    signature = sign(BODY, "")

    with pytest.raises(jwt.DecodeError):
        jwt.PyJWKClient(jwks_url).get_signing_key_from_jwt(signature)
