"""The benchmark suite: ``bench/run`` (see ``bench.run`` and the README)."""
