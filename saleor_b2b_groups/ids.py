"""Global IDs, the names Saleor's API gives objects, read in one place.

The API, the bulk rows, the import files and stored policies (approval rules name
categories by ID) all carry them; one reader gives one answer and one message.
"""

import graphene


class InvalidId(ValueError):
    """Not a global ID of the expected type; the message is for the caller."""


def decode(global_id: str, *type_names: str) -> tuple[str, str]:
    """(type name, primary key as text) of a global ID of one of ``type_names``."""
    try:
        type_name, pk = graphene.Node.from_global_id(global_id)
    except Exception as e:
        raise InvalidId(f"Invalid ID: {global_id}.") from e
    if type_name not in type_names or not pk:
        expected = " or ".join(type_names)
        raise InvalidId(f"Invalid ID: {global_id}. Expected: {expected}.")
    return type_name, pk


def decode_int(global_id: str, *type_names: str) -> tuple[str, int]:
    """As ``decode``, for the integer keys of every type but checkouts."""
    type_name, pk = decode(global_id, *type_names)
    try:
        return type_name, int(pk)
    except ValueError as e:
        raise InvalidId(f"Invalid ID: {global_id}.") from e


def pk_of(global_id: str, type_name: str) -> int:
    return decode_int(global_id, type_name)[1]
