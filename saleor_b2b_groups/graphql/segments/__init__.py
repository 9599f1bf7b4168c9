"""The admin API of segments: a group's membership rules, preview, recompute."""
