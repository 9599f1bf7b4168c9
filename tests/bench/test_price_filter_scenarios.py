"""The price-filtered and price-sorted listing scenarios on the tiny dataset."""

from bench.scenarios.price_filter import PriceFilteredListing, PriceSortedListing


def test_price_scenarios_check_the_buyers_order_and_run(bench_session):
    for scenario in (PriceFilteredListing(), PriceSortedListing()):
        # when: prepare checks the page against the prices it shows (plugin on)
        scenario.prepare(bench_session)
        timed = scenario.run_once(bench_session)

        # then
        assert timed is not None
