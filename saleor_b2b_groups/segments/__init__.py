"""Rule-based segments: a group's members computed from its customers' data.

A group may carry membership rules (``rules``: the tree, ``validation``: its
checks, ``evaluation``: the tree as one SQL condition). A recompute (``recompute``)
matches every customer in one query per group and applies the difference through
``groups.services.apply_segment``, which adds and removes only the memberships a
segment made.
"""
