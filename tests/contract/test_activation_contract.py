"""What the activation check of a request relies on in Saleor 3.23 (graphql/core.py).

``is_plugin_active_in_request`` finds the plugin manager Saleor loaded for the request
in the promise cache of Saleor's manager dataloaders, keyed by the user or
``"Anonymous"``; if Saleor keeps it elsewhere after an upgrade, these fail.
"""

import pytest
from saleor.graphql.core.context import SaleorContext
from saleor.graphql.plugins.dataloaders import get_plugin_manager_promise

from saleor_b2b_groups.graphql.core import _loaded_plugin_manager


@pytest.mark.parametrize("who", ["customer", "anonymous"])
def test_the_manager_saleor_loaded_for_a_request_is_found(who, customer_user):
    # given
    context = SaleorContext()
    context.user = customer_user if who == "customer" else None
    context.app = None
    assert _loaded_plugin_manager(context) is None

    # when: what Saleor's mutations do before their payload resolves
    manager = get_plugin_manager_promise(context).get()
    manager.get_plugins()

    # then
    assert _loaded_plugin_manager(context) is manager


def test_a_manager_without_its_plugins_loaded_is_not_used(customer_user):
    # given: asking it would read the plugin configurations
    context = SaleorContext()
    context.user = customer_user
    context.app = None

    # when
    get_plugin_manager_promise(context).get()

    # then
    assert _loaded_plugin_manager(context) is None
