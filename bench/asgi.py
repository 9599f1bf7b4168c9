"""Saleor's own ASGI application, plus the number of SQL queries of each request.

For the benchmark only (``bench/run`` serves this; the product never does): every
response gets an ``X-Bench-SQL-Queries`` header counting the statements the request
ran on every database connection. The count lives in a context variable the
request's thread inherits (Django runs the sync view in a thread, with the
request's context copied), and a wrapper on every connection -- installed when
Django opens it, or at import for connections already open -- adds to it.
Nothing else differs from ``saleor.asgi``.
"""

import os
from contextvars import ContextVar

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saleor.settings")

from django.db import connections
from django.db.backends.signals import connection_created

QUERY_COUNT_HEADER = b"x-bench-sql-queries"

_request_queries: ContextVar[list[int] | None] = ContextVar(
    "bench_request_queries", default=None
)


def count_query(execute, sql, params, many, context):
    counter = _request_queries.get()
    if counter is not None:
        counter[0] += 1
    return execute(sql, params, many, context)


def _count_on(sender, connection, **kwargs) -> None:
    if count_query not in connection.execute_wrappers:
        connection.execute_wrappers.append(count_query)


connection_created.connect(_count_on)
for _open in connections.all(initialized_only=True):  # opened before this import
    _count_on(None, _open)

from saleor.asgi import application as saleor_application  # noqa: E402


async def application(scope, receive, send):
    if scope["type"] != "http":
        return await saleor_application(scope, receive, send)
    counter = [0]
    token = _request_queries.set(counter)

    async def send_with_count(message):
        if message["type"] == "http.response.start":
            headers = [
                *message.get("headers", []),
                (QUERY_COUNT_HEADER, b"%d" % counter[0]),
            ]
            message = {**message, "headers": headers}
        await send(message)

    try:
        return await saleor_application(scope, receive, send_with_count)
    finally:
        _request_queries.reset(token)
