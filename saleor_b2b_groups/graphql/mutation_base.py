"""The base of every feature's mutations."""

from typing import Any, ClassVar

from saleor.graphql.core.mutations import BaseMutation


class FeatureMutation(BaseMutation):
    """The mutations of one feature share their doc category, permissions and error
    type: a feature subclasses this once with ``DEFAULTS`` (``Meta`` options), and a
    mutation's own ``Meta`` still overrides any of them."""

    DEFAULTS: ClassVar[dict[str, Any]] = {}

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, **options):  # type: ignore[override]
        super().__init_subclass_with_meta__(**{**cls.DEFAULTS, **options})
