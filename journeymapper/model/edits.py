"""Edit factories: each returns an :class:`Edit` built against the document's current state.

They check what they can up front and give a readable error; :meth:`Document.apply` checks the
invariants again, so a stale or hand-made edit can never corrupt a document.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from .change import Edit, Op
from .document import Document
from .entities import (
    Action,
    Dismissal,
    Entity,
    Flow,
    Lane,
    PainPoint,
    Setting,
    Stage,
    TouchPoint,
    WorkshopInfo,
)
from .enums import Channel, Layer, PainKind, Priority, Servqual, Status
from .errors import EditError
from .ids import new_id
from .ordering import rank_at, spread
from .text import one_line, shorten
from .validation import validate_fields

E = TypeVar("E", bound=Entity)


def _replace(e: E, **fields: Any) -> E:
    names = {f.name for f in dataclasses.fields(e)} - {"id"}
    unknown = set(fields) - names
    if unknown:
        raise EditError(f"a {e.KIND} has no field {sorted(unknown)[0]!r}")
    new = dataclasses.replace(e, **fields)
    validate_fields(new)
    return new


def _update(e: E, /, **fields: Any) -> Edit:
    new = _replace(e, **fields)
    if new == e:  # nothing to do: an empty step, named by its kind alone
        return Edit(f"Edit {_NOUN.get(e.KIND, e.KIND)}", ())
    return Edit(update_label(e, new), (Op(e, new),))


# The field an undo menu names each kind of entity by; the words for fields whose names do not
# read well on their own.
_NOUN = {"info": "workshop details", "touchpoint": "touch-point", "painpoint": "pain point"}
_NAME_FIELD = {"touchpoint": "title", "stage": "name", "lane": "name", "flow": "label",
               "painpoint": "text", "action": "title"}
_FIELD_WORDS = {"score": "satisfaction score", "is_start": "journey start",
                "is_end": "journey end", "owner_lane_id": "owner lane",
                "owner_person": "owner", "job_to_be_done": "job to be done"}


_SAYS_VALUE = frozenset({"score", "severity", "votes", "impact", "effort"})


def quoted(text: str, room: int = 40) -> str:
    """A name as an undo step shows it: on one line, cut to ``room`` characters, in quotes."""
    return f"“{shorten(one_line(text), room)}”"


def update_label(before: Entity, after: Entity) -> str:
    """How an undo list names ``before`` becoming ``after``: by the entity's own name and what
    changed ('Rename touch-point “A” to “B”', 'Edit touch-point “A”: satisfaction score 7'),
    not 'Edit touch-point' eleven times over."""
    noun = _NOUN.get(before.KIND, before.KIND)
    label = f"Edit {noun}"
    changed = [f.name for f in dataclasses.fields(before)
               if getattr(before, f.name) != getattr(after, f.name)]
    key = _NAME_FIELD.get(before.KIND)
    old, new = (str(getattr(before, key)), str(getattr(after, key))) if key else ("", "")
    if key and changed == [key] and old.strip() and new.strip():
        return f"Rename {noun} {quoted(old)} to {quoted(new)}"
    name = new if new.strip() else old
    who = f" {quoted(name)}" if name.strip() else ""
    words = [_FIELD_WORDS.get(c, c.replace("_", " ")) for c in changed]
    for n, c in enumerate(changed):
        if c in _SAYS_VALUE:  # 'impact 4, effort 2': a number says more than its name
            value = getattr(after, c)
            words[n] += f" {value if value is not None else 'cleared'}"
    what = ", ".join(words[:3]) + (" …" if len(words) > 3 else "")
    return f"{label}{who}: {what}" if what else f"{label}{who}"


def _reposition(items: Sequence[E], moving: E | None, index: int,
                attr: str) -> tuple[float, list[Op]]:
    """Rank for ``moving`` at ``index`` among ``items`` (it excluded), renumbering if needed."""
    others = [i for i in items if moving is None or i.id != moving.id]
    ranks = [float(getattr(i, attr)) for i in others]
    r = rank_at(ranks, index)
    if r is not None:
        return r, []
    fresh = spread(len(others) + 1)
    index = max(0, min(index, len(others)))
    slots = fresh[:index] + fresh[index + 1:]
    ops = [Op(o, _with(o, attr, s)) for o, s in zip(others, slots, strict=True)
           if getattr(o, attr) != s]
    return fresh[index], ops


def _with(e: E, attr: str, value: float) -> E:
    new: E = dataclasses.replace(e, **{attr: value})  # type: ignore[arg-type]
    return new


# -- workshop -------------------------------------------------------------------------------------
def update_info(doc: Document, **fields: Any) -> Edit:
    return _update(doc.info, **fields)


def set_setting(doc: Document, key: str, value: str) -> Edit:
    cur = doc.get("setting", key)
    new = Setting(key, str(value))
    return Edit(f"Set {key}", (Op(cur, new),) if cur != new else ())


def dismiss_finding(doc: Document, finding_id: str, note: str = "") -> Edit:
    if finding_id in doc.dismissed:
        return Edit("Dismiss finding", ())
    return Edit("Dismiss finding", (Op(None, Dismissal(finding_id, note)),))


def restore_finding(doc: Document, finding_id: str) -> Edit:
    cur = doc.dismissed.get(finding_id)
    return Edit("Show finding again", (Op(cur, None),) if cur else ())


# -- stages and lanes -----------------------------------------------------------------------------
def add_stage(doc: Document, name: str, index: int | None = None, *, color: str | None = None,
              description: str = "", stage_id: str | None = None) -> Edit:
    items = doc.stages
    pos, ops = _reposition(items, None, len(items) if index is None else index, "position")
    st = Stage(stage_id or new_id("st"), name.strip(), pos, color, description)
    validate_fields(st)
    return Edit(f"Add stage {quoted(st.name)}", (*ops, Op(None, st)))


def add_lane(doc: Document, name: str, layer: Layer | None = Layer.FRONTSTAGE,
             index: int | None = None, *, color: str | None = None, owner: str = "",
             lane_id: str | None = None) -> Edit:
    items = doc.lanes
    pos, ops = _reposition(items, None, len(items) if index is None else index, "position")
    ln = Lane(lane_id or new_id("ln"), name.strip(), pos, layer, color, owner)
    validate_fields(ln)
    return Edit(f"Add lane {quoted(ln.name)}", (*ops, Op(None, ln)))


def update_stage(doc: Document, stage_id: str, **fields: Any) -> Edit:
    return _update(doc.stage(stage_id), **fields)


def update_lane(doc: Document, lane_id: str, **fields: Any) -> Edit:
    return _update(doc.lane(lane_id), **fields)


def rename_stage(doc: Document, stage_id: str, name: str) -> Edit:
    return Edit(f"Rename stage {quoted(doc.stage(stage_id).name)} to {quoted(name)}",
                update_stage(doc, stage_id, name=name.strip()).ops)


def rename_lane(doc: Document, lane_id: str, name: str) -> Edit:
    return Edit(f"Rename lane {quoted(doc.lane(lane_id).name)} to {quoted(name)}",
                update_lane(doc, lane_id, name=name.strip()).ops)


def move_stage(doc: Document, stage_id: str, index: int) -> Edit:
    st = doc.stage(stage_id)
    pos, ops = _reposition(doc.stages, st, index, "position")
    new = dataclasses.replace(st, position=pos)
    return Edit(f"Move stage {quoted(st.name)}", (*ops, Op(st, new)) if new != st else tuple(ops))


def move_lane(doc: Document, lane_id: str, index: int) -> Edit:
    ln = doc.lane(lane_id)
    pos, ops = _reposition(doc.lanes, ln, index, "position")
    new = dataclasses.replace(ln, position=pos)
    return Edit(f"Move lane {quoted(ln.name)}", (*ops, Op(ln, new)) if new != ln else tuple(ops))


def remove_stage(doc: Document, stage_id: str) -> Edit:
    st = doc.stage(stage_id)
    inner = _remove_touchpoint_ops(doc, [t.id for t in doc.in_stage(stage_id)])
    return Edit(f"Delete stage {quoted(st.name)}", (*inner, Op(st, None)))


def remove_lane(doc: Document, lane_id: str) -> Edit:
    ln = doc.lane(lane_id)
    inner = _remove_touchpoint_ops(doc, [t.id for t in doc.in_lane(lane_id)])
    # Actions owned by the lane lose their owner lane rather than disappear; an action the inner
    # ops already changed (unlinked pain points) is changed again from that newer version.
    latest: dict[str, Action] = {op.entity.id: op.after for op in inner
                                 if isinstance(op.after, Action)}
    unown = []
    for a in doc.actions_for_lane(lane_id):
        base = latest.get(a.id, a)
        unown.append(Op(base, dataclasses.replace(base, owner_lane_id=None)))
    return Edit(f"Delete lane {quoted(ln.name)}", (*inner, *unown, Op(ln, None)))


# -- touch-points ---------------------------------------------------------------------------------
def add_touchpoint(doc: Document, stage_id: str, lane_id: str, title: str,
                   index: int | None = None, *, touchpoint_id: str | None = None,
                   **fields: Any) -> Edit:
    doc.stage(stage_id)
    doc.lane(lane_id)
    cell = doc.cell(stage_id, lane_id)
    rank, ops = _reposition(cell, None, len(cell) if index is None else index, "rank")
    tp = TouchPoint(touchpoint_id or new_id("tp"), stage_id, lane_id, title.strip(), rank)
    tp = _replace(tp, **fields) if fields else tp
    validate_fields(tp)
    return Edit(f"Add touch-point {quoted(tp.title)}", (*ops, Op(None, tp)))


def update_touchpoint(doc: Document, tp_id: str, **fields: Any) -> Edit:
    if "stage_id" in fields or "lane_id" in fields:
        raise EditError("use move_touchpoint to move a card to another cell")
    return _update(doc.touchpoint(tp_id), **fields)


def move_touchpoint(doc: Document, tp_id: str, stage_id: str, lane_id: str,
                    index: int | None = None) -> Edit:
    tp = doc.touchpoint(tp_id)
    doc.stage(stage_id)
    doc.lane(lane_id)
    cell = doc.cell(stage_id, lane_id)
    rank, ops = _reposition(cell, tp, len(cell) if index is None else index, "rank")
    new = dataclasses.replace(tp, stage_id=stage_id, lane_id=lane_id, rank=rank)
    return Edit(f"Move {quoted(tp.title)}", (*ops, Op(tp, new)) if new != tp else tuple(ops))


def move_touchpoints(doc: Document, moves: Iterable[tuple[str, str, str]]) -> Edit:
    """Move several cards (id, stage, lane) together, each to the end of its new cell."""
    ops: list[Op] = []
    taken: dict[tuple[str, str], float] = {}
    for tp_id, stage_id, lane_id in moves:
        tp = doc.touchpoint(tp_id)
        doc.stage(stage_id)
        doc.lane(lane_id)
        if (tp.stage_id, tp.lane_id) == (stage_id, lane_id):
            continue
        key = (stage_id, lane_id)
        if key not in taken:
            cell = doc.cell(stage_id, lane_id)
            taken[key] = cell[-1].rank if cell else 0.0
        taken[key] += 1024.0
        ops.append(Op(tp, dataclasses.replace(tp, stage_id=stage_id, lane_id=lane_id,
                                              rank=taken[key])))
    return Edit(f"Move {len(ops)} cards", tuple(ops))


def _remove_touchpoint_ops(doc: Document, tp_ids: Iterable[str]) -> list[Op]:
    ids = list(dict.fromkeys(tp_ids))
    for i in ids:
        doc.touchpoint(i)
    flows: dict[str, Flow] = {}
    pps: list[PainPoint] = []
    for i in ids:
        for f in (*doc.flows_from(i), *doc.flows_to(i)):
            flows[f.id] = f
        pps.extend(doc.pain_points_of(i))
    ops = [Op(f, None) for f in flows.values()]
    ops += _unlink_pain_points(doc, [p.id for p in pps])
    ops += [Op(p, None) for p in pps]
    ops += [Op(doc.touchpoint(i), None) for i in ids]
    return ops


def _unlink_pain_points(doc: Document, pp_ids: Sequence[str]) -> list[Op]:
    gone = set(pp_ids)
    actions = {a.id: a for p in pp_ids for a in doc.actions_for_pain_point(p)}
    return [Op(a, dataclasses.replace(
        a, pain_point_ids=tuple(x for x in a.pain_point_ids if x not in gone)))
        for a in actions.values()]


def remove_touchpoints(doc: Document, tp_ids: Iterable[str]) -> Edit:
    ops = _remove_touchpoint_ops(doc, tp_ids)
    gone = [op.before for op in ops if op.kind == "touchpoint" and op.before is not None]
    n = len(gone)
    return Edit(f"Delete touch-point {quoted(getattr(gone[0], 'title', ''))}" if n == 1
                else f"Delete {n} touch-points", tuple(ops))


# -- flows ----------------------------------------------------------------------------------------
def add_flow(doc: Document, source_id: str, target_id: str, label: str = "",
             *, flow_id: str | None = None) -> Edit:
    doc.touchpoint(source_id)
    doc.touchpoint(target_id)
    if source_id == target_id:
        raise EditError("a flow cannot go from a touch-point to itself")
    if doc.flow_between(source_id, target_id):
        raise EditError("there is already a flow between these two touch-points")
    name = f"Add flow {quoted(doc.touchpoint(source_id).title, 24)} → " \
        f"{quoted(doc.touchpoint(target_id).title, 24)}"
    return Edit(name, (Op(None, Flow(flow_id or new_id("fl"), source_id, target_id, label)),))


def update_flow(doc: Document, flow_id: str, **fields: Any) -> Edit:
    return _update(doc.flow(flow_id), **fields)


def remove_flows(doc: Document, flow_ids: Iterable[str]) -> Edit:
    ops = tuple(Op(doc.flow(i), None) for i in dict.fromkeys(flow_ids))
    return Edit("Delete flow" if len(ops) == 1 else f"Delete {len(ops)} flows", ops)


# -- pain points ----------------------------------------------------------------------------------
def add_pain_point(doc: Document, tp_id: str, text: str, severity: int = 3,
                   kind: PainKind = PainKind.EMOTIONAL, dimension: Servqual | None = None,
                   votes: int = 0, *, pain_point_id: str | None = None) -> Edit:
    doc.touchpoint(tp_id)
    pp = PainPoint(pain_point_id or new_id("pp"), tp_id, text.strip(), severity, kind,
                   dimension, votes)
    validate_fields(pp)
    return Edit(f"Add pain point {quoted(pp.text)}", (Op(None, pp),))


def update_pain_point(doc: Document, pp_id: str, **fields: Any) -> Edit:
    if "touchpoint_id" in fields:
        doc.touchpoint(fields["touchpoint_id"])
    return _update(doc.pain_point(pp_id), **fields)


def vote(doc: Document, pp_id: str, delta: int = 1) -> Edit:
    pp = doc.pain_point(pp_id)
    if pp.votes + delta < 0:
        raise EditError("votes cannot go below zero")
    word = "Vote on" if delta > 0 else "Remove a vote from"
    return Edit(f"{word} {quoted(pp.text)} ({pp.votes + delta})",
                (Op(pp, dataclasses.replace(pp, votes=pp.votes + delta)),))


def remove_pain_points(doc: Document, pp_ids: Iterable[str]) -> Edit:
    ids = list(dict.fromkeys(pp_ids))
    pps = [doc.pain_point(i) for i in ids]
    ops = (*_unlink_pain_points(doc, ids), *(Op(p, None) for p in pps))
    return Edit(f"Delete pain point {quoted(pps[0].text)}" if len(pps) == 1
                else f"Delete {len(pps)} pain points", ops)


# -- actions --------------------------------------------------------------------------------------
def add_action(doc: Document, title: str, *, action_id: str | None = None,
               pain_point_ids: Sequence[str] = (), finding_ids: Sequence[str] = (),
               owner_lane_id: str | None = None, priority: Priority = Priority.MEDIUM,
               impact: int = 3, effort: int = 3, status: Status = Status.IDEA,
               **fields: Any) -> Edit:
    for p in pain_point_ids:
        doc.pain_point(p)
    if owner_lane_id is not None:
        doc.lane(owner_lane_id)
    existing = doc.actions
    rank = existing[-1].rank + 1024.0 if existing else 0.0
    a = Action(action_id or new_id("ac"), title.strip(), pain_point_ids=tuple(pain_point_ids),
               finding_ids=tuple(finding_ids), owner_lane_id=owner_lane_id, priority=priority,
               impact=impact, effort=effort, status=status, rank=rank)
    a = _replace(a, **fields) if fields else a
    validate_fields(a)
    return Edit(f"Add action {quoted(a.title)}", (Op(None, a),))


def update_action(doc: Document, action_id: str, **fields: Any) -> Edit:
    for p in fields.get("pain_point_ids", ()):
        doc.pain_point(p)
    if fields.get("owner_lane_id") is not None:
        doc.lane(fields["owner_lane_id"])
    for k in ("pain_point_ids", "finding_ids"):
        if k in fields:
            fields[k] = tuple(fields[k])
    return _update(doc.action(action_id), **fields)


def remove_actions(doc: Document, action_ids: Iterable[str]) -> Edit:
    ops = tuple(Op(doc.action(i), None) for i in dict.fromkeys(action_ids))
    first = getattr(ops[0].before, "title", "") if ops else ""
    return Edit(f"Delete action {quoted(first)}" if len(ops) == 1
                else f"Delete {len(ops)} actions", ops)


__all__ = [
    "Channel", "Layer", "PainKind", "Priority", "Servqual", "Status", "WorkshopInfo",
    "add_action", "add_flow", "add_lane", "add_pain_point", "add_stage", "add_touchpoint",
    "dismiss_finding", "move_lane", "move_stage", "move_touchpoint", "move_touchpoints",
    "remove_actions", "remove_flows", "remove_lane", "remove_pain_points", "remove_stage",
    "remove_touchpoints", "rename_lane", "rename_stage", "restore_finding", "set_setting",
    "update_action", "update_flow", "update_info", "update_lane", "update_pain_point",
    "update_stage", "update_touchpoint", "vote",
]
