"""One way for tests to count the SQL queries of a GraphQL request."""

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from saleor.graphql.tests.utils import get_graphql_content


def count_queries(
    client, document: str, variables: dict[str, Any] | None = None
) -> tuple[int, dict]:
    """Queries of a warm request, and its content.

    The first request also fills per-process caches (Saleor's and ours), so it is
    sent once unmeasured; the second is the one counted.
    """
    get_graphql_content(client.post_graphql(document, variables))
    with CaptureQueriesContext(connection) as captured:
        content = get_graphql_content(client.post_graphql(document, variables))
    return len(captured), content
