"""The benchmark's view of a running Saleor: who is logged in, and the plugin switch.

``Bench`` holds the transport, the bench users' tokens (logged in with
``tokenCreate`` as a storefront does), a payment app's token (created by the admin
with ``appCreate``, as a merchant installs one), and switches the plugin on and off
with Saleor's own ``pluginUpdate``: the only difference between "vanilla" and
"plugin" in every measurement.
"""

from dataclasses import dataclass, field
from typing import Any

from saleor_b2b_groups import PLUGIN_ID, benchdata

from .client import BenchError, Response, Transport, result

TOKEN_CREATE = """
mutation ($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token errors { field message } }
}
"""

PLUGIN_UPDATE = """
mutation ($id: ID!, $active: Boolean!) {
  pluginUpdate(id: $id, input: {active: $active}) {
    plugin { globalConfiguration { active } }
    errors { field code message }
  }
}
"""

SHOP_ENABLED = "query { shop { customerGroupsEnabled } }"

APP_CREATE = """
mutation {
  appCreate(input: {name: "Bench payments", permissions: [HANDLE_PAYMENTS]}) {
    authToken app { id } errors { field code message }
  }
}
"""

APP_DELETE = """
mutation ($id: ID!) { appDelete(id: $id) { errors { field code message } } }
"""

CHANNEL_ID = """
query ($slug: String!) { channel(slug: $slug) { id currencyCode } }
"""

#: Who a request is sent as: a bench user, the payment app, or nobody.
ADMIN, DEEP_BUYER, SHALLOW_BUYER, APP, ANONYMOUS = (
    "admin",
    "deep buyer",
    "shallow buyer",
    "app",
    "anonymous",
)
CATALOG_BUYER, APPROVAL_BUYER, APPROVER = "catalog buyer", "approval buyer", "approver"
LOGINS = {
    ADMIN: benchdata.ADMIN_EMAIL,
    DEEP_BUYER: benchdata.DEEP_BUYER_EMAIL,
    SHALLOW_BUYER: benchdata.SHALLOW_BUYER_EMAIL,
    CATALOG_BUYER: benchdata.CATALOG_BUYER_EMAIL,
    APPROVAL_BUYER: benchdata.APPROVAL_BUYER_EMAIL,
    APPROVER: benchdata.APPROVER_EMAIL,
}
VANILLA, PLUGIN = "vanilla", "plugin"
MODES = (VANILLA, PLUGIN)


@dataclass
class Bench:
    transport: Transport
    #: The seed's record (``benchdata.marker``): size, counts, seeded steps.
    marker: dict[str, Any]
    channel: str = benchdata.CHANNEL_SLUG
    tokens: dict[str, str] = field(default_factory=dict)
    mode: str | None = None
    app_id: str | None = None
    channel_id: str | None = None
    #: What scenarios fetch once and share (product ids, checkout variants, ...).
    cache: dict[str, Any] = field(default_factory=dict)

    def post(
        self, query: str, variables: dict[str, Any] | None = None, *, who: str
    ) -> Response:
        token = None if who == ANONYMOUS else self.tokens[who]
        return self.transport.post(query, variables or {}, token)

    def login(self) -> None:
        for who, email in LOGINS.items():
            answer = self.transport.post(
                TOKEN_CREATE, {"email": email, "password": benchdata.PASSWORD}, None
            )
            token = result(answer, "tokenCreate").get("token")
            if not token:
                raise BenchError(f"{email} cannot log in: {answer.data}")
            self.tokens[who] = token
        channel = result(
            self.post(CHANNEL_ID, {"slug": self.channel}, who=ADMIN), "channel"
        )
        self.channel_id = channel["id"]

    def create_payment_app(self) -> None:
        """A payment app (HANDLE_PAYMENTS) to record the bench checkouts' payments,
        once per run."""
        if self.tokens.get(APP) is not None:
            return
        created = result(self.post(APP_CREATE, who=ADMIN), "appCreate")
        self.app_id = created["app"]["id"]
        self.tokens[APP] = created["authToken"]

    def delete_payment_app(self) -> None:
        if self.app_id is not None:
            result(self.post(APP_DELETE, {"id": self.app_id}, who=ADMIN), "appDelete")
            self.app_id = None

    def set_mode(self, mode: str) -> None:
        """Switch the plugin off (vanilla) or on, and check Saleor says so."""
        if mode == self.mode:
            return
        active = mode == PLUGIN
        updated = result(
            self.post(PLUGIN_UPDATE, {"id": PLUGIN_ID, "active": active}, who=ADMIN),
            "pluginUpdate",
        )
        if updated["plugin"]["globalConfiguration"]["active"] is not active:
            raise BenchError(f"pluginUpdate did not switch the plugin to {mode}")
        enabled = result(self.post(SHOP_ENABLED, who=ANONYMOUS), "shop")
        if enabled["customerGroupsEnabled"] is not active:
            raise BenchError(f"shop.customerGroupsEnabled is not {active} in {mode}")
        self.mode = mode

    def seeded(self, step: str) -> str | None:
        """None when the seed ran ``step``; otherwise why it did not."""
        status = self.marker.get("steps", {}).get(step, "not in this dataset")
        return None if status == "seeded" else status
