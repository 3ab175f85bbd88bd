"""Ops, edits and the change a Document announces after applying one."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .entities import Entity


@dataclass(frozen=True, slots=True)
class Op:
    """One primitive step: add (``before`` None), remove (``after`` None) or replace an entity."""

    before: Entity | None
    after: Entity | None

    def __post_init__(self) -> None:
        if self.before is None and self.after is None:
            raise ValueError("an op needs a before or an after")
        if (self.before is not None and self.after is not None
                and (self.before.KIND, self.before.id) != (self.after.KIND, self.after.id)):
            raise ValueError("an op replaces one entity with a new version of itself")

    @property
    def entity(self) -> Entity:
        e = self.after if self.after is not None else self.before
        assert e is not None
        return e

    @property
    def kind(self) -> str:
        return self.entity.KIND

    def inverted(self) -> Op:
        return Op(self.after, self.before)


@dataclass(frozen=True, slots=True)
class Edit:
    """A reversible edit: ops applied in order, all or nothing. ``label`` reads in an undo menu."""

    label: str
    ops: tuple[Op, ...]

    def inverted(self) -> Edit:
        return Edit(self.label, tuple(op.inverted() for op in reversed(self.ops)))

    def __bool__(self) -> bool:
        return bool(self.ops)


def combine(label: str, *edits: Edit) -> Edit:
    """Several edits as one; each must have been built against the state the previous leaves."""
    return Edit(label, tuple(op for e in edits for op in e.ops))


@dataclass(slots=True)
class Change:
    """What an applied edit did, by kind: ids added, changed and removed."""

    edit: Edit
    added: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    changed: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    removed: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @classmethod
    def of(cls, edit: Edit) -> Change:
        ch = cls(edit)
        for op in edit.ops:
            kind, eid = op.kind, op.entity.id
            if op.before is None:
                if eid in ch.removed[kind]:  # removed then re-added within one edit
                    ch.removed[kind].discard(eid)
                    ch.changed[kind].add(eid)
                else:
                    ch.added[kind].add(eid)
            elif op.after is None:
                if eid in ch.added[kind]:
                    ch.added[kind].discard(eid)
                else:
                    ch.changed[kind].discard(eid)
                    ch.removed[kind].add(eid)
            elif eid not in ch.added[kind]:
                ch.changed[kind].add(eid)
        return ch

    def touches(self, *kinds: str) -> bool:
        return any(self.added.get(k) or self.changed.get(k) or self.removed.get(k) for k in kinds)

    @property
    def kinds(self) -> set[str]:
        return {k for d in (self.added, self.changed, self.removed) for k, ids in d.items() if ids}
