from tests.approvals.conftest import concurrent_connections

__all__ = ["concurrent_connections"]
