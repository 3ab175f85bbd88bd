"""The Document: the one source of truth for an open workshop.

Everything changes through :meth:`Document.apply`, which applies an :class:`Edit` all or nothing,
checks every invariant it could break, hands it to the persister (the store) and then announces a
:class:`Change` to subscribers (canvas, docks, analysis).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar, cast

from .change import Change, Edit, Op
from .entities import (
    INFO_ID,
    KINDS,
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
from .errors import EditError
from .validation import validate_fields

E = TypeVar("E", bound=Entity)
Listener = Callable[[Change], None]
Persister = Callable[[Edit], None]

_LABEL = {
    "stage": "stage", "lane": "lane", "touchpoint": "touch-point", "flow": "flow",
    "painpoint": "pain point", "action": "action", "setting": "setting",
    "dismissal": "dismissal", "info": "workshop details",
}


class Document:
    def __init__(self, info: WorkshopInfo | None = None) -> None:
        self._t: dict[str, dict[str, Entity]] = {k: {} for k in KINDS}
        self._t["info"][INFO_ID] = info or WorkshopInfo()
        # Reverse indices: kind/key -> ids of the entities that point at it.
        self._tp_by_stage: dict[str, set[str]] = defaultdict(set)
        self._tp_by_lane: dict[str, set[str]] = defaultdict(set)
        self._tp_by_cell: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._out: dict[str, set[str]] = defaultdict(set)
        self._in: dict[str, set[str]] = defaultdict(set)
        self._pair: dict[tuple[str, str], str] = {}
        self._pp_by_tp: dict[str, set[str]] = defaultdict(set)
        self._act_by_pp: dict[str, set[str]] = defaultdict(set)
        self._act_by_lane: dict[str, set[str]] = defaultdict(set)
        self._listeners: list[Listener] = []
        self._persister: Persister | None = None
        self._sorted: dict[str, list[Entity]] = {}
        self.revision = 0  # bumps on every applied edit; lets background work detect staleness
        self.read_only = False

    # -- reading ---------------------------------------------------------------------------------
    @property
    def info(self) -> WorkshopInfo:
        return cast(WorkshopInfo, self._t["info"][INFO_ID])

    def table(self, kind: str) -> dict[str, Entity]:
        """Read-only view by convention: never mutate what this returns."""
        return self._t[kind]

    def get(self, kind: str, eid: str) -> Entity | None:
        return self._t[kind].get(eid)

    def _typed(self, kind: str, eid: str, cls: type[E]) -> E:
        e = self._t[kind].get(eid)
        if e is None:
            raise EditError(f"there is no {_LABEL[kind]} with id {eid!r}")
        return cast(E, e)

    def stage(self, eid: str) -> Stage:
        return self._typed("stage", eid, Stage)

    def lane(self, eid: str) -> Lane:
        return self._typed("lane", eid, Lane)

    def touchpoint(self, eid: str) -> TouchPoint:
        return self._typed("touchpoint", eid, TouchPoint)

    def flow(self, eid: str) -> Flow:
        return self._typed("flow", eid, Flow)

    def pain_point(self, eid: str) -> PainPoint:
        return self._typed("painpoint", eid, PainPoint)

    def action(self, eid: str) -> Action:
        return self._typed("action", eid, Action)

    def _ordered(self, kind: str, key: Callable[[Entity], tuple[float, str]]) -> list[Entity]:
        cached = self._sorted.get(kind)
        if cached is None:
            cached = sorted(self._t[kind].values(), key=key)
            self._sorted[kind] = cached
        return cached

    @property
    def stages(self) -> list[Stage]:
        return cast(list[Stage], self._ordered("stage", lambda e: (cast(Stage, e).position, e.id)))

    @property
    def lanes(self) -> list[Lane]:
        return cast(list[Lane], self._ordered("lane", lambda e: (cast(Lane, e).position, e.id)))

    @property
    def touchpoints(self) -> dict[str, TouchPoint]:
        return cast(dict[str, TouchPoint], self._t["touchpoint"])

    @property
    def flows(self) -> dict[str, Flow]:
        return cast(dict[str, Flow], self._t["flow"])

    @property
    def pain_points(self) -> dict[str, PainPoint]:
        return cast(dict[str, PainPoint], self._t["painpoint"])

    @property
    def actions(self) -> list[Action]:
        return cast(list[Action], self._ordered("action", lambda e: (cast(Action, e).rank, e.id)))

    @property
    def settings(self) -> dict[str, str]:
        return {k: cast(Setting, s).value for k, s in self._t["setting"].items()}

    @property
    def dismissed(self) -> dict[str, Dismissal]:
        return cast(dict[str, Dismissal], self._t["dismissal"])

    def cell(self, stage_id: str, lane_id: str) -> list[TouchPoint]:
        """The cards of one cell, in their order."""
        tps = self.touchpoints
        return sorted((tps[i] for i in self._tp_by_cell.get((stage_id, lane_id), ())),
                      key=lambda t: (t.rank, t.id))

    def in_stage(self, stage_id: str) -> list[TouchPoint]:
        return [self.touchpoints[i] for i in self._tp_by_stage.get(stage_id, ())]

    def in_lane(self, lane_id: str) -> list[TouchPoint]:
        return [self.touchpoints[i] for i in self._tp_by_lane.get(lane_id, ())]

    def flows_from(self, tp_id: str) -> list[Flow]:
        return [self.flows[i] for i in self._out.get(tp_id, ())]

    def flows_to(self, tp_id: str) -> list[Flow]:
        return [self.flows[i] for i in self._in.get(tp_id, ())]

    def flow_between(self, source_id: str, target_id: str) -> Flow | None:
        fid = self._pair.get((source_id, target_id))
        return self.flows[fid] if fid else None

    def pain_points_of(self, tp_id: str) -> list[PainPoint]:
        return sorted((self.pain_points[i] for i in self._pp_by_tp.get(tp_id, ())),
                      key=lambda p: (-p.severity, p.id))

    def actions_for_pain_point(self, pp_id: str) -> list[Action]:
        return [cast(Action, self._t["action"][i]) for i in self._act_by_pp.get(pp_id, ())]

    def actions_for_lane(self, lane_id: str) -> list[Action]:
        return [cast(Action, self._t["action"][i]) for i in self._act_by_lane.get(lane_id, ())]

    def entities(self) -> Iterator[Entity]:
        """Every entity, parents before children (the order a loader must add them in)."""
        for kind in KINDS:
            yield from self._t[kind].values()

    def snapshot(self) -> dict[str, dict[str, Entity]]:
        return {k: dict(v) for k, v in self._t.items()}

    def counts(self) -> dict[str, int]:
        return {
            "stages": len(self._t["stage"]), "lanes": len(self._t["lane"]),
            "touchpoints": len(self._t["touchpoint"]), "flows": len(self._t["flow"]),
            "pain_points": len(self._t["painpoint"]), "actions": len(self._t["action"]),
        }

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Document) and self._t == other._t

    __hash__ = None  # type: ignore[assignment]

    # -- observing -------------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def set_persister(self, persister: Persister | None) -> None:
        """The persister runs inside :meth:`apply`; if it raises, the edit is rolled back."""
        self._persister = persister

    # -- changing --------------------------------------------------------------------------------
    def apply(self, edit: Edit) -> Change:
        """Apply ``edit`` all or nothing; raise :class:`EditError` and change nothing if refused."""
        if self.read_only:
            raise EditError("this workshop is open read-only")
        done: list[Op] = []
        try:
            for op in edit.ops:
                self._step(op)
                done.append(op)
            self._check(edit)
            if self._persister is not None:
                self._persister(edit)
        except BaseException:
            for op in reversed(done):
                self._step(op.inverted())
            raise
        self.revision += 1
        change = Change.of(edit)
        for listener in list(self._listeners):
            listener(change)
        return change

    def load(self, entities: Iterable[Entity]) -> None:
        """Fill an empty document (from a file), checking every invariant, announcing nothing."""
        ops = tuple(Op(self._t["info"][INFO_ID], e) if e.KIND == "info" else Op(None, e)
                    for e in entities)
        persister, listeners = self._persister, self._listeners
        self._persister, self._listeners = None, []
        try:
            self.apply(Edit("load", ops))
        finally:
            self._persister, self._listeners = persister, listeners
        self.revision = 0

    def _step(self, op: Op) -> None:
        kind, eid = op.kind, op.entity.id
        table = self._t[kind]
        current = table.get(eid)
        if op.before is None:
            if current is not None:
                raise EditError(f"a {_LABEL[kind]} with id {eid!r} already exists")
        elif current != op.before:
            if current is None:
                raise EditError(f"there is no {_LABEL[kind]} with id {eid!r}")
            raise EditError(f"the {_LABEL[kind]} {eid!r} has changed since this edit was made")
        if kind == "info" and op.after is None:
            raise EditError("the workshop details cannot be removed")
        if op.before is not None:
            self._unindex(op.before)
            del table[eid]
        if op.after is not None:
            table[eid] = op.after
            self._index(op.after)
        self._sorted.pop(kind, None)

    def _index(self, e: Entity) -> None:
        match e:
            case TouchPoint():
                self._tp_by_stage[e.stage_id].add(e.id)
                self._tp_by_lane[e.lane_id].add(e.id)
                self._tp_by_cell[(e.stage_id, e.lane_id)].add(e.id)
            case Flow():
                self._out[e.source_id].add(e.id)
                self._in[e.target_id].add(e.id)
                self._pair.setdefault((e.source_id, e.target_id), e.id)
            case PainPoint():
                self._pp_by_tp[e.touchpoint_id].add(e.id)
            case Action():
                for pp in e.pain_point_ids:
                    self._act_by_pp[pp].add(e.id)
                if e.owner_lane_id:
                    self._act_by_lane[e.owner_lane_id].add(e.id)
            case _:
                pass

    def _unindex(self, e: Entity) -> None:
        match e:
            case TouchPoint():
                self._tp_by_stage[e.stage_id].discard(e.id)
                self._tp_by_lane[e.lane_id].discard(e.id)
                self._tp_by_cell[(e.stage_id, e.lane_id)].discard(e.id)
            case Flow():
                self._out[e.source_id].discard(e.id)
                self._in[e.target_id].discard(e.id)
                if self._pair.get((e.source_id, e.target_id)) == e.id:
                    del self._pair[(e.source_id, e.target_id)]
            case PainPoint():
                self._pp_by_tp[e.touchpoint_id].discard(e.id)
            case Action():
                for pp in e.pain_point_ids:
                    self._act_by_pp[pp].discard(e.id)
                if e.owner_lane_id:
                    self._act_by_lane[e.owner_lane_id].discard(e.id)
            case _:
                pass

    def _check(self, edit: Edit) -> None:
        """Invariants the edit's ops could have broken, checked on the state after all of them."""
        t = self._t
        for op in edit.ops:
            e = op.after
            if e is not None and t[e.KIND].get(e.id) is e:
                validate_fields(e)
                self._check_refs(e)
            elif e is None and op.before is not None and op.before.id not in t[op.kind]:
                self._check_orphans(op.before)

    def _check_refs(self, e: Entity) -> None:
        t = self._t
        match e:
            case TouchPoint():
                if e.stage_id not in t["stage"]:
                    raise EditError(f"there is no stage with id {e.stage_id!r}")
                if e.lane_id not in t["lane"]:
                    raise EditError(f"there is no lane with id {e.lane_id!r}")
            case Flow():
                for end in (e.source_id, e.target_id):
                    if end not in t["touchpoint"]:
                        raise EditError(f"a flow must join two touch-points; {end!r} is missing")
                if e.source_id == e.target_id:
                    raise EditError("a flow cannot go from a touch-point to itself")
                if self._pair.get((e.source_id, e.target_id)) != e.id:
                    raise EditError("there is already a flow between these two touch-points")
            case PainPoint():
                if e.touchpoint_id not in t["touchpoint"]:
                    raise EditError(f"there is no touch-point with id {e.touchpoint_id!r}")
            case Action():
                for pp in e.pain_point_ids:
                    if pp not in t["painpoint"]:
                        raise EditError(f"the action links a missing pain point {pp!r}")
                if e.owner_lane_id is not None and e.owner_lane_id not in t["lane"]:
                    raise EditError(f"there is no lane with id {e.owner_lane_id!r}")
            case _:
                pass

    def _check_orphans(self, e: Entity) -> None:
        left: set[str] | None = None
        match e:
            case Stage():
                left = self._tp_by_stage.get(e.id)
            case Lane():
                left = ((self._tp_by_lane.get(e.id) or set())
                        | (self._act_by_lane.get(e.id) or set()))
            case TouchPoint():
                left = ((self._out.get(e.id) or set()) | (self._in.get(e.id) or set())
                        | (self._pp_by_tp.get(e.id) or set()))
            case PainPoint():
                left = self._act_by_pp.get(e.id)
            case _:
                pass
        if left:
            raise EditError(f"the {_LABEL[e.KIND]} {e.id!r} is still referred to by {len(left)} "
                            "other item(s); remove them in the same edit")
