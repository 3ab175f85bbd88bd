"""The live analysis kept up to date from what an edit changed (used by :mod:`.live`).

The state holds the Journey indices, the hand-offs by source card, the finding drafts by *unit*
(the part of the map a group of findings reads: a card, a stage, a pain point, a pair of lanes,
...) and the findings in their final order. After an edit the changed cards, flows, pain points,
actions and dismissals are found by comparing the Document's entity tables with the previous
ones (entities are immutable: an edited one is a new object), and only the units that read a
changed entity are drafted again:

- a changed card X: the hand-offs and ping-pongs found from X, its predecessors and successors
  (and the lane pairs those hand-offs belong to), X's own gaps, X's stage (old and new), its
  pain points, the loops through it, the unreachable roots it changes (:mod:`.unreach`: only
  near X while the reachable part stays the same) and the weak links whose text a change of
  the journey's scores altered;
- a changed flow u -> v: the same for u and v, the loops, back flows, and the unreachable
  part near v (from scratch when the reachable part changed);
- a pain point or action: the pain points concerned; a dismissal: that finding only.

Hand-offs are kept sorted as a whole, by lane pair and by direction, with running counts, so
the lane-pair findings, the matrix and the totals need no pass over all hand-offs; the findings
are kept sorted too. A new draft equal to the one it replaces keeps the old Finding object.
Lanes, stages, settings, added or removed cards, many changes at once, a change between no
flow and some flows and a ``ping_pong_max_run`` other than 1 are rebuilt from scratch (still in
slices).
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Generator, Iterable
from operator import attrgetter, itemgetter
from typing import Any

from journeymapper.model import Document, Lane, Stage, TouchPoint

from . import gaps
from .bottlenecks import lane_bottlenecks_of, matrix_load
from .findings import CHUNK, Draft
from .graph import Journey
from .handoffs import (
    CARRIED,
    arrange_cycles,
    bounces_at,
    carried_draft,
    cycle_findings,
    handoff_key,
    lane_pair,
    pair_draft,
    ping_pong_draft,
    source_handoffs,
)
from .results import Analysis, Finding, Handoff, HandoffKind, Severity
from .scores import ScoreSummary, channel_draft, weak_link_draft, zone_text
from .settings import Settings
from .unreach import Unreach

Loops = tuple[list[list[str]], bool]
Unit = tuple[str, ...]
H_CHUNK = 200  # cards whose hand-offs are found per slice of a full build
U_CHUNK = 150  # unreachable roots drafted per slice of a full build
RELEASE_CHUNK = 4000  # entries freed per slice when a state is replaced
MAX_CHANGES = 64  # more changed entities than this in one refresh: rebuild

_K0 = itemgetter(0)
_WEIGHT = {sev: -sev.weight for sev in Severity}
_LANES = attrgetter("from_lane_id", "to_lane_id")
_STAGE = attrgetter("stage_id")
_KIND = attrgetter("kind")


class Duplicate(Exception):
    """Two drafts with one id (the full analysis keeps the first): left to :func:`analyze`."""


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[Any, Any]]:
    """(before, after) of every entity added (before None), changed or removed (after None)."""
    out = [(old.get(k), v) for k, v in new.items() if old.get(k) is not v]
    if len(new) - sum(1 for o, _ in out if o is None) != len(old):
        out += [(o, None) for k, o in old.items() if k not in new]
    return out


@dataclasses.dataclass(slots=True)
class Delta:
    cards: list[tuple[TouchPoint, TouchPoint]]  # changed cards (none added or removed)
    flows: list[tuple[Any, Any]]
    pains: list[tuple[Any, Any]]
    actions: list[tuple[Any, Any]]
    dismissed: set[str]  # ids dismissed or shown again


class Incremental:
    def __init__(self) -> None:
        self.ready = False
        self.doc: Document | None = None
        self.s: Settings | None = None
        self.lanes: tuple[Lane, ...] = ()
        self.stages: tuple[Stage, ...] = ()
        self.tps: dict[str, Any] = {}
        self.flows: dict[str, Any] = {}
        self.pps: dict[str, Any] = {}
        self.acts: dict[str, Any] = {}
        self.dismissed: frozenset[str] = frozenset()
        self.last_units = 0  # how many units the last refresh drafted (for the benchmark)
        self.loop_cards: set[str] = set()

    # -- what changed ----------------------------------------------------------------------------
    def delta(self, doc: Document, s: Settings) -> Delta | None:
        """What changed since the last refresh, or None when it must be rebuilt."""
        if (not self.ready or doc is not self.doc or s != self.s
                or s.ping_pong_max_run != 1 or not _same(self.lanes, doc.lanes)
                or not _same(self.stages, doc.stages)):
            return None
        cards = diff(self.tps, doc.touchpoints)
        if any(o is None or n is None for o, n in cards):
            return None
        flows = diff(self.flows, doc.flows)
        pains = diff(self.pps, doc.pain_points)
        actions = diff(self.acts, doc.table("action"))
        now = doc.dismissed
        gone = self.dismissed
        dismissed = ({i for i in now if i not in gone} | {i for i in gone if i not in now}
                     if len(now) != len(gone) or any(i not in gone for i in now) else set())
        if len(cards) + len(flows) + len(pains) + len(actions) + len(dismissed) > MAX_CHANGES:
            return None
        if flows and (not self.flows) != (not doc.flows):
            return None  # no flow <-> some flows: the flow-based gaps switch on or off
        return Delta(cards, flows, pains, actions, dismissed)

    def _snapshot(self, doc: Document, s: Settings) -> None:
        self.doc, self.s = doc, s
        self.lanes, self.stages = tuple(doc.lanes), tuple(doc.stages)
        self.tps, self.flows = dict(doc.touchpoints), dict(doc.flows)
        self.pps, self.acts = dict(doc.pain_points), dict(doc.table("action"))
        self.dismissed = frozenset(doc.dismissed)

    # -- findings bookkeeping --------------------------------------------------------------------
    def _reset_findings(self) -> None:
        self.units: dict[Unit, tuple[str, ...]] = {}
        self.raw: dict[str, Finding] = {}
        self.fkey: dict[str, tuple[Any, ...]] = {}
        self.owner: dict[str, Unit] = {}
        self.fentries: list[tuple[tuple[Any, ...], Finding]] = []  # during the full build
        self.fkeys: list[tuple[Any, ...]] = []  # then the sort keys and the findings apart
        self.flist: list[Finding] = []
        self.open: Counter[tuple[str, Severity]] = Counter()
        self.bulk = True

    def _set(self, u: Unit, drafts: Iterable[Draft]) -> None:
        old = self.units.get(u, ())
        ids: dict[str, None] = {}
        for d in drafts:
            f = d.finding
            fid = f.id
            owner = self.owner.get(fid)
            if (owner is not None and owner != u) or fid in ids:
                raise Duplicate(fid)
            ids[fid] = None
            k = (_WEIGHT[f.severity], f.kind, d.order, fid)
            if owner is not None:
                r = self.raw[fid]
                if (r is f or r == f) and self.fkey[fid] == k:
                    continue  # unchanged: the same Finding object stays
                self._remove(fid)
            self._insert(u, fid, f, k)
        for fid in old:
            if fid not in ids:
                self._remove(fid)
        if ids or old:
            self.units[u] = tuple(ids)
        self.last_units += 1

    def _insert(self, u: Unit, fid: str, f: Finding, k: tuple[Any, ...]) -> None:
        self.raw[fid], self.fkey[fid], self.owner[fid] = f, k, u
        if fid in self.dismissed:
            f = dataclasses.replace(f, dismissed=True)
        else:
            self.open[(f.kind, f.severity)] += 1
        if self.bulk:
            self.fentries.append((k, f))
        else:
            i = bisect_left(self.fkeys, k)
            self.fkeys.insert(i, k)
            self.flist.insert(i, f)

    def _remove(self, fid: str) -> None:
        k = self.fkey.pop(fid)
        f = self.raw.pop(fid)
        del self.owner[fid]
        if fid not in self.dismissed:
            self.open[(f.kind, f.severity)] -= 1
        if self.bulk:
            del self.fentries[self.fentries.index(next(e for e in self.fentries if e[0] == k))]
            return
        i = bisect_left(self.fkeys, k)
        del self.fkeys[i]
        del self.flist[i]

    # -- the full build --------------------------------------------------------------------------
    def full_steps(self, doc: Document, s: Settings, graph: Any, loops: Loops
                   ) -> Generator[None, None, Analysis]:
        self.ready = False
        self._snapshot(doc, s)
        self._reset_findings()
        self.last_units = 0
        j = self.j = Journey.of(doc, s, graph)
        yield
        place = j.place_of
        self.hand: dict[str, list[Handoff]] = {}
        self.hkey: dict[tuple[str, ...], Any] = {}
        entries: list[tuple[Any, Handoff]] = []
        for i, src in enumerate(j.succ):
            if i % H_CHUNK == H_CHUNK - 1:
                yield
            found = source_handoffs(j, src)
            if found:
                self.hand[src] = found
                for h in found:
                    k = handoff_key(place, h)
                    self.hkey[h.flow_ids] = k
                    entries.append((k, h))
        yield
        entries.sort(key=_K0)
        yield
        self._h_build(entries)
        yield
        for i, src in enumerate(self.hand):
            if i % CHUNK == CHUNK - 1:
                yield
            self._carried(src)
        self._pairs(None)
        yield
        for i, m in enumerate(j.succ):
            if i % CHUNK == CHUNK - 1:
                yield
            self._bounces(m)
        self.loops: Loops | None = None
        self._cycles(loops)
        yield
        self.lonely = ({t for t in j.tps if not j.succ[t] and not j.pred[t]} if j.n_flows
                       else set())
        self.last = gaps.last_stage(j)
        self.owned = gaps.owned_lanes(j)
        for i, t in enumerate(j.tps):
            if i % CHUNK == CHUNK - 1:
                yield
            self._card(t)
        yield
        for i, p in enumerate(doc.pain_points):
            if i % CHUNK == CHUNK - 1:
                yield
            self._pain(p)
        for st in doc.stages:
            self._stage(st.id)
        yield
        self.buckets: dict[int, set[str]] = {}
        for tp in j.tps.values():
            if tp.score is not None:
                self.buckets.setdefault(tp.score, set()).add(tp.id)
        self.weak_state: dict[int, tuple[bool, str]] = {}
        self.zone = ""
        yield from self._weak(set(), every=True)
        self.flagged = {tp.id for tp in j.tps.values() if tp.is_start}
        self.reviews = {t for t in j.tps if j.is_review(t)}
        si, tps = j.stage_index, j.tps
        self.back = {f.id for f in doc.flows.values()
                     if si[tps[f.target_id].stage_id] < si[tps[f.source_id].stage_id]}
        self._review()
        yield
        self.u_first: list[str] | None = None
        self.u_names = ""
        self.u_memo: dict[str, tuple[Any, Draft]] = {}
        self.u_drafted: set[str] = set()
        self.un = Unreach(j)
        yield from self._unreachable_steps()
        yield
        self.fentries.sort(key=_K0)
        self.fkeys = [k for k, _ in self.fentries]
        self.flist = [f for _, f in self.fentries]
        self.fentries = []
        self.bulk = False
        yield
        result = self._result()
        self.ready = True
        return result

    def release(self) -> Generator[None, None, None]:
        """Empty the big containers this state owns a piece at a time (it is being replaced:
        dropping it whole frees hundreds of thousands of objects in one go)."""
        self.ready = False
        owned: list[Any] = [getattr(self, name, None) for name in (
            "units", "raw", "fkey", "owner", "fkeys", "flist", "fentries", "hand", "hkey",
            "hkeys", "hlist", "hpair", "hdir", "u_memo", "tps", "flows", "pps", "acts")]
        un, j = getattr(self, "un", None), getattr(self, "j", None)
        if un is not None:
            owned += [un.lab, un.mem]
        if j is not None:
            owned += [j.succ, j.pred, j.place_of, j.by_stage]
        work = 0
        for c in owned:
            if isinstance(c, dict):
                while c:
                    c.popitem()
                    work += 1
                    if work >= RELEASE_CHUNK:
                        work = 0
                        yield
            elif isinstance(c, list):
                while c:
                    del c[-RELEASE_CHUNK:]
                    yield

    # -- the refresh after an edit ---------------------------------------------------------------
    def update(self, doc: Document, d: Delta, graph: Any, loops: Loops) -> Analysis:
        """Bring the state up to date with ``d``; a :class:`Duplicate` leaves it not ready."""
        self.ready = False
        self.last_units = 0
        j = self.j
        j.doc, j.tps, j._graph = doc, doc.touchpoints, graph
        si, li = j.stage_index, j.lane_index
        # The indices.
        ends: set[str] = set()
        for o, n in d.flows:
            if o is not None:
                del j.succ[o.source_id][o.target_id]
                del j.pred[o.target_id][o.source_id]
                self.back.discard(o.id)
                ends.update((o.source_id, o.target_id))
            if n is not None:
                j.succ[n.source_id][n.target_id] = n.id
                j.pred[n.target_id][n.source_id] = n.id
                ends.update((n.source_id, n.target_id))
        j.n_flows = len(doc.flows)
        moved_stages: set[str] = set()
        changed = {n.id for _, n in d.cards}
        for o, n in d.cards:
            j.place_of[n.id] = (si[n.stage_id], li[n.lane_id])
            if o.stage_id != n.stage_id:
                j.by_stage[o.stage_id].remove(n.id)
                j.by_stage[n.stage_id].append(n.id)
            moved_stages.update((o.stage_id, n.stage_id))
            (self.flagged.add if n.is_start else self.flagged.discard)(n.id)
            (self.reviews.add if j.is_review(n.id) else self.reviews.discard)(n.id)
            if o.score is not None:
                self.buckets[o.score].discard(n.id)
            if n.score is not None:
                self.buckets.setdefault(n.score, set()).add(n.id)
        tps = j.tps
        for f in {*(f for x in changed for f in doc.flows_from(x)),
                  *(f for x in changed for f in doc.flows_to(x)),
                  *(n for _, n in d.flows if n is not None)}:
            if si[tps[f.target_id].stage_id] < si[tps[f.source_id].stage_id]:
                self.back.add(f.id)
            else:
                self.back.discard(f.id)
        if max((si[st] for st, cards in j.by_stage.items() if cards), default=-1) != self.last:
            raise _Rebuild
        for t in ends:
            if j.succ[t] or j.pred[t]:
                self.lonely.discard(t)
            else:
                self.lonely.add(t)
        toggled = [(fid, self.owner[fid], self.raw[fid], self.fkey[fid])
                   for fid in d.dismissed if fid in self.raw]
        for fid, *_ in toggled:
            self._remove(fid)
        self.dismissed = frozenset(doc.dismissed)
        for fid, u, f, k in toggled:
            self._insert(u, fid, f, k)
        # Hand-offs and what reads them.
        sources = set(ends)
        for x in changed:
            sources.add(x)
            sources.update(j.succ[x])
            sources.update(j.pred[x])
        place = j.place_of
        pairs: set[tuple[str, str]] = set()
        for src in sources:
            old = self.hand.pop(src, [])
            found = source_handoffs(j, src)
            if old:
                was = {h.flow_ids: h for h in old}
                found = [h if (h0 := was.get(h.flow_ids)) is None or h0 != h else h0
                         for h in found]
                for h in old:
                    k = self.hkey.pop(h.flow_ids)
                    self._h_del(k, h)
                    if h.kind is not CARRIED:
                        pairs.add(lane_pair(j, h))
            if found:
                self.hand[src] = found
                for h in found:
                    k = handoff_key(place, h)
                    self.hkey[h.flow_ids] = k
                    self._h_add(k, h)
                    if h.kind is not CARRIED:
                        pairs.add(lane_pair(j, h))
            self._carried(src)
            self._bounces(src)
        self._pairs(pairs)
        self._cycles(loops, changed)
        for t in changed | ends:
            self._card(t)
        pains = {p.id for pair in d.pains for p in pair if p is not None}
        pains.update(p.id for x in changed for p in doc.pain_points_of(x))
        pains.update(pp for pair in d.actions for a in pair if a is not None
                     for pp in a.pain_point_ids)
        for p in pains:
            self._pain(p)
        for st in moved_stages:
            self._stage(st)
        for _ in self._weak(changed, every=False):
            pass
        self._review()
        self._unreachable_after(d, changed)
        self._snapshot(doc, self.s or Settings())
        result = self._result()
        self.ready = True
        return result

    # -- the units -------------------------------------------------------------------------------
    def _carried(self, src: str) -> None:
        j = self.j
        self._set(("c", src), [carried_draft(j, h) for h in self.hand.get(src, ())
                               if h.kind is CARRIED])

    def _h_build(self, entries: list[tuple[Any, Handoff]]) -> None:
        """The hand-off lists from the sorted ``entries``: all of them, by lane pair (not the
        customer-carried ones), by direction (keys only) and the counts by stage and kind."""
        j = self.j
        self.hkeys = [k for k, _ in entries]
        self.hlist = [h for _, h in entries]
        self.hpair: dict[tuple[str, str], tuple[list[Any], list[Handoff]]] = {}
        self.hdir: dict[tuple[str, str], list[Any]] = {}
        for k, h in entries:
            if h.kind is not CARRIED:
                ks, hs = self.hpair.setdefault(lane_pair(j, h), ([], []))
                ks.append(k)
                hs.append(h)
            self.hdir.setdefault(_LANES(h), []).append(k)
        self.hstage: Counter[str] = Counter(map(_STAGE, self.hlist))
        self.hkind: Counter[HandoffKind] = Counter(map(_KIND, self.hlist))

    def _h_add(self, k: Any, h: Handoff) -> None:
        i = bisect_left(self.hkeys, k)
        self.hkeys.insert(i, k)
        self.hlist.insert(i, h)
        if h.kind is not CARRIED:
            ks, hs = self.hpair.setdefault(lane_pair(self.j, h), ([], []))
            i = bisect_left(ks, k)
            ks.insert(i, k)
            hs.insert(i, h)
        insort(self.hdir.setdefault(_LANES(h), []), k)
        self.hstage[h.stage_id] += 1
        self.hkind[h.kind] += 1

    def _h_del(self, k: Any, h: Handoff) -> None:
        i = bisect_left(self.hkeys, k)
        del self.hkeys[i]
        del self.hlist[i]
        if h.kind is not CARRIED:
            ks, hs = self.hpair[lane_pair(self.j, h)]
            i = bisect_left(ks, k)
            del ks[i]
            del hs[i]
        ks = self.hdir[_LANES(h)]
        del ks[bisect_left(ks, k)]
        self.hstage[h.stage_id] -= 1
        self.hkind[h.kind] -= 1

    def _pairs(self, dirty: set[tuple[str, str]] | None) -> None:
        j = self.j
        for p in dirty if dirty is not None else list(self.hpair):
            got = self.hpair.get(p)
            hs = got[1] if got else None
            self._set(("h", *p), [pair_draft(j, p[0], p[1], hs)] if hs else [])

    def _bounces(self, m: str) -> None:
        j = self.j
        self._set(("pp", m), [ping_pong_draft(j, k, path) for k, path in bounces_at(j, m)])

    def _cycles(self, loops: Loops, changed: set[str] | None = None) -> None:
        if loops is self.loops and changed is not None and changed.isdisjoint(self.loop_cards):
            return
        j = self.j
        self.loops = loops
        self.loop_cards = {t for c in loops[0] for t in c}
        self._set(("cy",), cycle_findings(j, arrange_cycles(j, loops[0])))

    def _card(self, t: str) -> None:
        j = self.j
        tp = j.tps[t]
        out = []
        if t in self.lonely:
            out.append(gaps.isolated_draft(j, t))
        if j.n_flows:
            d = gaps.dead_end_draft(j, tp, self.last, self.lonely)
            if d is not None:
                out.append(d)
        d = gaps.no_owner_draft(j, tp, self.owned)
        if d is not None:
            out.append(d)
        self._set(("t", t), out)

    def _pain(self, p: str) -> None:
        pp = self.j.doc.pain_points.get(p)
        d = gaps.pain_draft(self.j, pp) if pp is not None else None
        self._set(("p", p), [d] if d is not None else [])

    def _stage(self, sid: str) -> None:
        j = self.j
        st = j.doc.stage(sid)
        out = [gaps.empty_stage_draft(j, st)] if not j.by_stage[sid] else []
        for d in (gaps.no_contact_draft(j, st), channel_draft(j, st)):
            if d is not None:
                out.append(d)
        self._set(("s", sid), out)

    def score_summary(self) -> ScoreSummary:
        j = self.j
        n = sum(len(ids) for ids in self.buckets.values())
        if not n:
            return ScoreSummary(0, None, None, None, None)
        from journeymapper.model import zone_of

        total = sum(v * len(ids) for v, ids in self.buckets.items())
        mean = total / n
        low = min(v for v, ids in self.buckets.items() if ids)
        weakest = min(self.buckets[low], key=lambda t: (j.place(t), t))
        w = j.settings.weakest_link_weight
        likely = (1 - w) * mean + w * low
        return ScoreSummary(n, mean, weakest, likely, zone_of(likely))

    def _weak(self, changed: set[str], every: bool) -> Generator[None, None, None]:
        """Weak links: the text of card t reads the mean of the *other* scores, a function of
        t's score, so it is worked out once per score value; cards are drafted again when they
        changed, or when their value's verdict or the journey's zone text did."""
        j = self.j
        summary = self.score_summary()
        self.summary = summary
        zone = zone_text(summary)
        n = summary.scored
        total = sum(v * len(ids) for v, ids in self.buckets.items())
        gap = j.settings.weak_link_gap
        state: dict[int, tuple[bool, str]] = {}
        for v, ids in self.buckets.items():
            if not ids:
                continue
            if n < 2:
                state[v] = (False, "")
                continue
            rest = (total - v) / (n - 1)
            weak = not (rest - v < gap or rest - v <= 0)
            state[v] = (weak, f"{rest:.1f}" if weak else "")
        redo = set(changed)
        old = self.weak_state
        for v, ids in self.buckets.items():
            st = state.get(v, (False, ""))
            if every or st != old.get(v, (False, "")) or (st[0] and zone != self.zone):
                redo |= ids
        self.weak_state, self.zone = state, zone
        tps = j.tps
        for i, t in enumerate(redo):
            if i % CHUNK == CHUNK - 1:
                yield
            tp = tps[t]
            if tp.score is not None and state[tp.score][0]:
                rest = (total - tp.score) / (n - 1)
                self._set(("w", t), [weak_link_draft(j, tp, rest, zone)])
            else:
                self._set(("w", t), [])

    def _review(self) -> None:
        j = self.j
        none = bool(j.tps) and not self.back and not self.reviews
        self._set(("r",), [gaps.no_review_draft()] if none else [])

    def _starts(self) -> list[str]:
        if self.flagged:
            return sorted(self.flagged)
        j = self.j
        for st in j.doc.stages:
            cards = sorted(j.by_stage[st.id])
            if cards:
                return [c for c in cards if not j.pred[c]] or cards
        return []

    def _unreachable(self) -> None:
        """The unreachable cards (one unit per root) from scratch."""
        for _ in self._unreachable_steps():
            pass

    def _unreachable_steps(self) -> Generator[None, None, None]:
        """:meth:`_unreachable` in slices."""
        j = self.j
        un = self.un
        if not j.n_flows:
            un = self.un = Unreach(j)
            un.dirty.update(self.u_drafted)
            self.u_seen: set[str] = set()
            self.u_first = None
            yield from self._u_flush(un, self.u_names)
            return
        first = self._starts()
        self.u_seen = seen = gaps.reachable_from(j, first)
        self.u_first = first
        lonely = self.lonely
        yield
        yield from un.build_steps([t for t in j.tps if t not in seen and t not in lonely])
        yield
        yield from self._u_flush(un, gaps.start_names(j, first))

    def _unreachable_after(self, d: Delta, changed: set[str]) -> None:
        """The unreachable part after the edit ``d``: updated from it when the reachable part
        stayed the same, else from scratch."""
        j = self.j
        if not j.n_flows:
            self._unreachable()
            return
        first = self._starts()
        if first != self.u_first or len(d.flows) > 1 or (d.flows and d.cards):
            self._unreachable()
            return
        un = self.un
        lab = un.lab
        seen, lonely = self.u_seen, self.lonely
        if d.flows:
            o, n = d.flows[0]
            if o is not None and n is not None:
                if (o.source_id, o.target_id) != (n.source_id, n.target_id):
                    self._unreachable()
                    return
            else:
                f = n if n is not None else o
                u, v = f.source_id, f.target_id
                if n is not None and u in seen and v not in seen:
                    self._unreachable()  # more cards can be reached
                    return
                if n is None and u in seen and v in seen and gaps.reachable_from(j, first) != seen:
                    self._unreachable()  # fewer cards can be reached
                    return
                for t in (u, v):
                    if t not in lab and t not in seen and t not in lonely:
                        un.enter(t)
                if u in lab and v in lab:
                    (un.added if n is not None else un.removed)(u, v)
                for t in (u, v):
                    if t in lab and t in lonely:
                        un.leave(t)
        if d.cards:
            placed = [n.id for o, n in d.cards if n.id in lab
                      and (o.stage_id, o.lane_id) != (n.stage_id, n.lane_id)]
            if sum(1 for t in placed if not j.pred[t]) > 1:
                self._unreachable()
                return
            for t in placed:
                un.moved(t)
            un.settle()
            for t in changed:
                if t in lab:
                    un.touched(t)
        un.settle()
        names = gaps.start_names(j, first)
        if names != self.u_names:
            un.dirty.update(self.u_drafted)
        for _ in self._u_flush(un, names):
            pass

    def _u_flush(self, un: Unreach, names: str) -> Generator[None, None, None]:
        """Draft the roots ``un`` marked dirty again (in slices of :data:`U_CHUNK`)."""
        self.u_names = names
        drafted = self.u_drafted
        for i, r in enumerate(un.dirty):
            if i % U_CHUNK == U_CHUNK - 1:
                yield
            behind = un.behind(r)
            if behind is None:
                if r in drafted:
                    self._set(("u", r), [])
                    drafted.discard(r)
                    self.u_memo.pop(r, None)
            else:
                self._set(("u", r), [self._u_draft(names, r, behind)])
                drafted.add(r)
        un.dirty.clear()

    def _u_draft(self, names: str, root: str, behind: list[str]) -> Draft:
        j = self.j
        tps = j.tps
        key = (names, bool(j.pred[root]), tps[root], *(tps[c] for c in behind))
        got = self.u_memo.get(root)
        if got is None or got[0] != key:
            got = (key, gaps.unreachable_draft(j, names, root, behind))
            self.u_memo[root] = got
        return got[1]

    def _lanes(self, matrix: dict[tuple[str, str], int]) -> None:
        self._set(("l",), lane_bottlenecks_of(self.j, matrix))

    # -- the result ------------------------------------------------------------------------------
    def _result(self) -> Analysis:
        j = self.j
        doc = j.doc
        handoffs = self.hlist[:]
        firsts = sorted((ks[0], p) for p, ks in self.hdir.items() if ks)
        matrix = {p: len(self.hdir[p]) for _, p in firsts}
        self._lanes(matrix)
        counts = self.hstage
        per_stage = {st.id: counts.get(st.id, 0) for st in doc.stages}
        findings = self.flist[:]
        return Analysis(doc.revision, handoffs, matrix, per_stage, findings,
                        self._summary(handoffs, matrix, len(findings)), {})

    def _summary(self, handoffs: list[Handoff], matrix: dict[tuple[str, str], int],
                 n_findings: int) -> dict[str, object]:
        """Exactly :func:`engine._summary` (without betweenness), from running totals."""
        j = self.j
        doc = j.doc
        by_kind: dict[str, int] = {}
        by_sev = {sev.value: 0 for sev in Severity}
        for (kind, sev), n in self.open.items():
            if n:
                by_kind[kind] = by_kind.get(kind, 0) + n
                by_sev[sev.value] += n
        n_open = sum(by_kind.values())
        kinds = self.hkind
        hand: dict[str, int] = {k.value: kinds.get(k, 0) for k in HandoffKind}
        hand["total"] = len(handoffs)
        score = self.summary
        weakest: dict[str, Any] | None = None
        if score.weakest_id is not None:
            t = doc.touchpoints[score.weakest_id]
            weakest = {"id": t.id, "title": t.title, "score": t.score,
                       "lane": j.lane_name(t.lane_id), "stage": j.stage_name(t.stage_id)}
        load = matrix_load(matrix)
        busiest: dict[str, Any] | None = None
        if load:
            lane_id = min(load, key=lambda ln: (-load[ln], j.lane_index[ln]))
            busiest = {"id": lane_id, "name": j.lane_name(lane_id), "handoffs": load[lane_id]}
        assert self.loops is not None
        return {
            "workshop": doc.info.title,
            "counts": doc.counts(),
            "findings": n_open,
            "dismissed": n_findings - n_open,
            "by_kind": dict(sorted(by_kind.items())),
            "by_severity": by_sev,
            "handoffs": hand,
            "busiest_lane": busiest,
            "scored_touchpoints": score.scored,
            "mean_score": _r(score.mean),
            "likely_score": _r(score.likely),
            "journey_zone": score.zone.value if score.zone else None,
            "weakest_touchpoint": weakest,
            "loops": len(self.loops[0]),
            "loops_truncated": self.loops[1],
            "betweenness": "not computed",
        }


class _Rebuild(Exception):
    """The edit reaches further than the incremental path follows (the last stage moved)."""


Rebuild = _Rebuild


def _same(old: tuple[Any, ...], new: list[Any]) -> bool:
    return len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True))


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 2)
