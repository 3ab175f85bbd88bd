"""Entities as table rows, without SQLAlchemy: what opening a file needs and nothing heavier.

Rows and entities share field names, so the columns of each table are the fields of its dataclass,
in order, and the model's codec does the value conversion (enums to their values, dates to ISO
text, tuples to lists). Reading applies what SQLAlchemy's result processors would, so that a bad
file gets the same message either way: JSON text to lists for the tuple fields (a number passes
as it is), 0/1 to booleans. ``schema.py`` declares the same tables as SQLAlchemy ORM classes for
writing and migrating; a test keeps both in step.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from collections.abc import Sequence
from typing import Any

from journeymapper.model.codec import from_dict, to_dict, type_hints
from journeymapper.model.entities import KINDS, TYPE_OF_KIND, Entity

# "JMWS" in ASCII: PRAGMA application_id marks a SQLite file as a JourneyMapper workshop.
APPLICATION_ID = 0x4A4D5753


def _columns(kind: str) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(TYPE_OF_KIND[kind]))


def _typed(kind: str, wanted: object) -> tuple[str, ...]:
    """The fields of ``kind`` whose type is ``wanted`` (``tuple`` matches any tuple[...])."""
    hints = type_hints(TYPE_OF_KIND[kind])
    return tuple(name for name in _columns(kind)
                 if hints[name] is wanted or typing.get_origin(hints[name]) is wanted)


COLUMNS: dict[str, tuple[str, ...]] = {k: _columns(k) for k in KINDS}
# In column order, as SQLAlchemy processes them (the first bad JSON value is the one reported).
JSON_COLUMNS: dict[str, tuple[str, ...]] = {k: _typed(k, tuple) for k in KINDS}
BOOL_COLUMNS: dict[str, tuple[str, ...]] = {k: _typed(k, bool) for k in KINDS}


def select_all(kind: str) -> str:
    """``SELECT`` every column of ``kind``'s table, the statement SQLAlchemy would emit."""
    return f"SELECT {', '.join(f'{kind}.{c}' for c in COLUMNS[kind])} \nFROM {kind}"


def to_row(e: Entity) -> dict[str, Any]:
    return to_dict(e)


def from_row(kind: str, row: dict[str, Any]) -> Entity:
    """Raise EditError (from the codec) if a value has the wrong type."""
    return from_dict(kind, row)


def decode(kind: str, values: Sequence[Any]) -> Entity:
    """An entity from the values :func:`select_all` returned, in its column order.

    Raise ValueError or TypeError if a JSON column does not hold JSON text, EditError (from the
    codec) if a value has the wrong type.
    """
    row = dict(zip(COLUMNS[kind], values, strict=True))
    for name in JSON_COLUMNS[kind]:
        value = row[name]
        if value is not None and not isinstance(value, int | float):
            row[name] = json.loads(value)
    for name in BOOL_COLUMNS[kind]:
        if row[name] is not None:
            row[name] = bool(row[name])
    return from_row(kind, row)
