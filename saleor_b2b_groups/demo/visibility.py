"""Demo: a branch that sees only its industry's categories, and a B2B-only channel.

- **Contoso Stores** (a fashion retailer) has a restricted catalog that includes
  populatedb's ``apparel`` category with its subcategories (t-shirts, sneakers,
  ...): olivia.buyer@contoso.example sees nothing else, and Contoso's contract
  prices (``demo.pricing``) are on apparel. Its account, Contoso
  Retail, buys in ``default-channel`` only.
- **channel-pln** (populatedb's second channel) is B2B-only: anonymous visitors and
  customers in no group see nothing there; Northwind's members (allowed in every
  channel) see its catalog and can check out in it.

Categories and channels that ``populatedb`` did not create are skipped with a log
line; loading twice is loading once.
"""

from collections.abc import Callable

from . import DEFAULT_CHANNEL

LOGINS: list[tuple[str, str, str]] = []

#: (group slug, catalog mode, category slugs included)
RESTRICTED_CATALOGS = [("contoso-stores", "restricted", ["apparel"])]
#: (group slug, allowed channel slugs)
ALLOWED_CHANNELS = [("contoso", [DEFAULT_CHANNEL])]
B2B_ONLY_CHANNEL = "channel-pln"


def is_loaded() -> bool:
    from ..visibility import ChannelAccess
    from ..visibility.models import CatalogRule, ChannelAccessPolicy

    return (
        CatalogRule.objects.filter(
            group__slug__in=[slug for slug, *_ in RESTRICTED_CATALOGS]
        ).exists()
        and ChannelAccessPolicy.objects.filter(
            channel__slug=B2B_ONLY_CHANNEL, access=ChannelAccess.B2B_ONLY
        ).exists()
    )


def load(log: Callable[[str], None]) -> None:
    from saleor.channel.models import Channel
    from saleor.product.models import Category

    from ..groups.models import CustomerGroup
    from ..visibility import ChannelAccess, RuleEffect, RuleScope
    from ..visibility.models import CatalogRule, ChannelAccessPolicy

    groups = {g.slug: g for g in CustomerGroup.objects.all()}
    for slug, mode, category_slugs in RESTRICTED_CATALOGS:
        group = groups.get(slug)
        if group is None:
            log(f"  skipped the catalog of '{slug}': no such group (load the groups)")
            continue
        group.catalog_mode = mode
        group.save(update_fields=["catalog_mode", "updated_at"])
        for category_slug in category_slugs:
            category = Category.objects.filter(slug=category_slug).first()
            if category is None:
                log(f"  skipped category '{category_slug}': not in the catalog")
                continue
            CatalogRule.objects.get_or_create(
                group=group,
                scope=RuleScope.CATEGORY,
                category=category,
                defaults={"effect": RuleEffect.INCLUDE},
            )
        log(f"  {group.name}: {mode} catalog, {', '.join(category_slugs)}")
    for slug, channel_slugs in ALLOWED_CHANNELS:
        if slug in groups:
            groups[slug].allowed_channels = list(
                Channel.objects.filter(slug__in=channel_slugs).values_list(
                    "pk", flat=True
                )
            )
            groups[slug].save(update_fields=["allowed_channels", "updated_at"])
    channel = Channel.objects.filter(slug=B2B_ONLY_CHANNEL).first()
    if channel is None:
        log(f"  skipped the B2B-only channel: no channel '{B2B_ONLY_CHANNEL}'")
        return
    ChannelAccessPolicy.objects.update_or_create(
        channel=channel, defaults={"access": ChannelAccess.B2B_ONLY}
    )
    log(f"  {B2B_ONLY_CHANNEL}: B2B-only")
