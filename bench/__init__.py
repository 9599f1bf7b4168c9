"""The benchmark suite: ``bench/run`` (docs/development/benchmarks.md)."""
