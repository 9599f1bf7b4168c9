"""scripts/demo's environment: DEBUG off (no stack traces to any client), the
playground on, whatever the caller's environment says."""

import os
from unittest import mock

from tests.e2e.test_demo import _load_runner


def test_demo_runs_without_debug_even_when_the_caller_sets_it(tmp_path):
    runner = _load_runner()
    with mock.patch.dict(
        os.environ, {"DEBUG": "True", "SECRET_KEY": "x", "RSA_PRIVATE_KEY": "y"}
    ):
        runner.configure_environment("postgres://demo", 8123)
        assert os.environ["DEBUG"] == "False"
        assert os.environ["PLAYGROUND_ENABLED"] == "True"
        assert os.environ["ALLOWED_CLIENT_HOSTS"]  # Saleor needs it without DEBUG
        assert os.environ["RSA_PRIVATE_KEY"] == "y"


def test_saleor_without_debug_sends_no_stack_trace(api_client, settings):
    # given: Saleor's settings as the demo sets them
    settings.DEBUG = False

    # when: an anonymous client sends a query that fails
    response = api_client.post_graphql(
        '{ product(id: "not-an-id", channel: "main") { name } }'
    )

    # then: the error is typed, without a stack trace
    [error] = response.json()["errors"]
    assert error["extensions"]["exception"]["code"]
    assert "stacktrace" not in error["extensions"]["exception"]


def test_saleor_with_debug_would_send_one(api_client, settings):
    """What the demo avoids: DEBUG on sends traces to anyone."""
    settings.DEBUG = True

    response = api_client.post_graphql(
        '{ product(id: "not-an-id", channel: "main") { name } }'
    )

    [error] = response.json()["errors"]
    assert error["extensions"]["exception"]["stacktrace"]
