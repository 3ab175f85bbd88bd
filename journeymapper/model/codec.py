"""Entities to and from plain JSON-able dicts, driven by the dataclasses' own type hints."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from enum import Enum
from typing import Any

from .entities import TYPE_OF_KIND, Entity
from .errors import EditError

_HINTS: dict[str, dict[str, Any]] = {}


def type_hints(cls: type[Entity]) -> dict[str, Any]:
    """``typing.get_type_hints(cls)``, worked out once per entity type (the annotations are
    text: evaluating them costs ~0.3 ms a type)."""
    hints = _HINTS.get(cls.KIND)
    if hints is None:
        hints = _HINTS[cls.KIND] = typing.get_type_hints(cls)
    return hints


def _decode(tp: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if value is None:
            return None
        return _decode(args[0], value, where)
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise EditError(f"{where} must be a list")
        return tuple(_decode(typing.get_args(tp)[0], v, where) for v in value)
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(value)
        except ValueError:
            raise EditError(f"{where}: {value!r} is not one of "
                            f"{', '.join(str(m.value) for m in tp)}") from None
    if tp is dt.date:
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise EditError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise EditError(f"{where} must be a number")
        return float(value)
    if tp is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise EditError(f"{where} must be a whole number")
    if tp is bool and not isinstance(value, bool):
        raise EditError(f"{where} must be true or false")
    if tp is str and not isinstance(value, str):
        raise EditError(f"{where} must be text")
    return value


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    return value


def to_dict(e: Entity) -> dict[str, Any]:
    return {f.name: _encode(getattr(e, f.name)) for f in dataclasses.fields(e)}


def from_dict(kind: str, data: dict[str, Any]) -> Entity:
    cls = TYPE_OF_KIND.get(kind)
    if cls is None:
        raise EditError(f"unknown kind of entity {kind!r}")
    if not isinstance(data, dict):
        raise EditError(f"a {kind} must be an object")
    hints = type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(data) - names
    if unknown:
        raise EditError(f"a {kind} has no field {sorted(unknown)[0]!r}")
    try:
        kwargs = {k: _decode(hints[k], v, f"{kind} {data.get('id', '?')} field {k!r}")
                  for k, v in data.items()}
        return cls(**kwargs)
    except TypeError as exc:
        raise EditError(f"a {kind} is missing a field ({exc})") from None
