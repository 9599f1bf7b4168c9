"""GraphQL requests as a storefront, an admin or an app sends them, timed.

A ``Transport`` posts one GraphQL document and returns a ``Response``: the JSON
answer, the wall-clock seconds and the SQL statements the request ran. The runner
uses ``HttpTransport`` (a real server on loopback, one kept-alive connection, the
count from ``bench.asgi``'s header); the tests use ``DjangoTransport`` (Saleor's
URLs in-process, the count from Django's ``CaptureQueriesContext``), so that every
scenario's documents are exercised without a server.
"""

import http.client
import json
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any, Protocol

QUERY_COUNT_HEADER = "X-Bench-SQL-Queries"


class BenchError(Exception):
    """The benchmark cannot go on; the message says what went wrong."""


@dataclass
class Response:
    data: dict[str, Any]
    seconds: float
    #: SQL statements the request ran; None when the transport cannot tell.
    queries: int | None


class Transport(Protocol):
    def post(
        self, query: str, variables: dict[str, Any], token: str | None
    ) -> Response: ...


def _body(query: str, variables: dict[str, Any]) -> bytes:
    return json.dumps({"query": query, "variables": variables}).encode()


def _headers(token: str | None) -> dict[str, str]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


class HttpTransport:
    """One kept-alive HTTP connection to ``http://127.0.0.1:<port>/graphql/``."""

    def __init__(self, host: str, port: int, timeout: float = 300) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self._connection: http.client.HTTPConnection | None = None

    def post(
        self, query: str, variables: dict[str, Any], token: str | None = None
    ) -> Response:
        body = _body(query, variables)
        headers = _headers(token)
        for attempt in (1, 2):  # the server may close an idle kept-alive connection
            connection = self._connect()
            started = time.perf_counter()
            try:
                connection.request("POST", "/graphql/", body, headers)
                answer = connection.getresponse()
                payload = answer.read()
            except (ConnectionError, http.client.HTTPException):
                self.close()
                if attempt == 2:
                    raise
                continue
            seconds = time.perf_counter() - started
            if answer.status >= 500 or not payload:
                raise BenchError(
                    f"HTTP {answer.status} from the server: {payload[:500]!r}"
                )
            count = answer.getheader(QUERY_COUNT_HEADER)
            return Response(
                json.loads(payload), seconds, int(count) if count is not None else None
            )
        raise AssertionError("unreachable")

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            self._connection = http.client.HTTPConnection(
                self.host, self.port, timeout=self.timeout
            )
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class DjangoTransport:
    """Saleor's GraphQL URL in this process, through Django's test client."""

    def __init__(self) -> None:
        from django.test import Client

        self._client = Client()

    def post(
        self, query: str, variables: dict[str, Any], token: str | None = None
    ) -> Response:
        from django.db import connections
        from django.test.utils import CaptureQueriesContext

        extra = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token else {}
        # Saleor's test set-up makes the replica alias a proxy of the default
        # connection (one query log for both): count each log once.
        unique: dict[int, Any] = {}
        for alias in connections:  # the default alias first: the real connection
            unique.setdefault(id(connections[alias].queries_log), connections[alias])
        with ExitStack() as stack:
            captured = [
                stack.enter_context(CaptureQueriesContext(connection))
                for connection in unique.values()
            ]
            started = time.perf_counter()
            answer = self._client.post(
                "/graphql/",
                _body(query, variables),
                content_type="application/json",
                **extra,
            )
            seconds = time.perf_counter() - started
        queries = sum(len(capture) for capture in captured)
        return Response(json.loads(answer.content), seconds, queries)


def result(response: Response, field: str) -> dict[str, Any]:
    """``data[field]`` of a response, or BenchError with the GraphQL or mutation
    errors: a benchmark of a failing request measures nothing."""
    answer = response.data
    if answer.get("errors"):
        raise BenchError(f"{field}: {json.dumps(answer['errors'])[:1000]}")
    value = (answer.get("data") or {}).get(field)
    if value is None:
        raise BenchError(f"{field}: no data in {json.dumps(answer)[:1000]}")
    if isinstance(value, dict) and value.get("errors"):
        raise BenchError(f"{field}: {json.dumps(value['errors'])[:1000]}")
    return value


@dataclass
class Timed:
    """What one measured operation cost: one request or a flow of several."""

    seconds: float
    queries: int | None
    #: For a flow: each step's (seconds, queries), in order.
    steps: dict[str, tuple[float, int | None]] | None = None


def timed(response: Response) -> Timed:
    return Timed(response.seconds, response.queries)


class FlowTimer:
    """Adds up the requests of a flow (checkout), step by step."""

    def __init__(self) -> None:
        self.steps: dict[str, tuple[float, int | None]] = {}

    def add(self, step: str, response: Response) -> Response:
        seconds, queries = self.steps.get(step, (0.0, 0))
        total = (
            None
            if queries is None or response.queries is None
            else queries + response.queries
        )
        self.steps[step] = (seconds + response.seconds, total)
        return response

    def total(self) -> Timed:
        counts = [queries for _, queries in self.steps.values()]
        return Timed(
            sum(seconds for seconds, _ in self.steps.values()),
            None if None in counts else sum(c for c in counts if c is not None),
            dict(self.steps),
        )


Post = Callable[[str, dict[str, Any], str | None], Response]
