"""The live refresh: analysis after every edit, reusing what the edit cannot have changed, in
slices short enough to run between GUI frames.

Most live edits (a drag, a title, a score) leave the map's *topology* alone: the same cards and
the same flows. Then the NetworkX graph and the bounded loop search, the two costliest steps of
a refresh, are reused; only node attributes of changed cards are updated. Everything else is
recomputed, so the result is always exactly what :func:`analyze` would return.

The analysis reads the Document while it runs, so never run it in a thread while the GUI edits
that same Document. Either give a worker thread or process its own copy
(``jsonform.from_data(jsonform.to_data(doc))``: note ``doc.revision`` when copying and apply
the result only if it is still current), or run a job on the GUI thread a slice at a time
(each slice is one step: at most about 6 ms of CPU at 2,000 cards and 11 ms at 5,000 on a
2-core machine, more when a full pass of the garbage collector lands in it; the graph build,
the loop search and the unreachable part are cut into pieces too)::

    job = live.start(doc)
    # on each timer tick:
    if job.stale:            # the document changed since: start again
        job = live.start(doc)
    elif job.run_for(0.008):  # True once finished
        apply(job.result)
"""

from __future__ import annotations

import time
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

from journeymapper.model import Document, TouchPoint

from .results import Analysis
from .settings import Settings

if TYPE_CHECKING:
    from .incremental import Incremental


class AnalysisJob:
    """One refresh in slices. ``result`` is set once :meth:`step` has returned True."""

    def __init__(self, doc: Document, steps: Generator[None, None, Analysis]) -> None:
        self.doc = doc
        self.revision = doc.revision
        self.result: Analysis | None = None
        self._steps = steps

    @property
    def stale(self) -> bool:
        """The document changed after the job started: its result would describe the past."""
        return self.doc.revision != self.revision

    @property
    def done(self) -> bool:
        return self.result is not None

    def step(self) -> bool:
        """Run one slice; True when the analysis is finished. A stale job never finishes (nor
        reports a result it finished before the edit: its ``result`` is of the past)."""
        if self.stale:
            return False
        if self.result is not None:
            return True
        try:
            next(self._steps)
        except StopIteration as finished:
            self.result = finished.value
            return True
        return False

    def run_for(self, seconds: float) -> bool:
        """Run slices until ``seconds`` have passed (at least one slice); True when finished."""
        end = time.perf_counter() + seconds
        while not self.step():
            if self.stale or time.perf_counter() >= end:
                return False
        return True


class LiveAnalysis:
    """Keep one per open workshop; :meth:`refresh` (or :meth:`start`) after each change.

    ``incremental`` tells whether the last refresh updated the previous result from what the
    edit changed (True) or analysed the whole map (False); ``reused`` whether the NetworkX graph
    and the loop list were kept or patched rather than rebuilt."""

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._graph: Any = None
        self._loops: tuple[list[list[str]], bool] | None = None
        self._tps: dict[str, object] = {}
        self._frame: tuple[object, ...] = ()
        self._inc: Incremental | None = None
        self.reused = False  # whether the last refresh reused the graph and loops
        self.incremental = False  # whether it was updated from the edit's changes

    def refresh(self, doc: Document, settings: Settings | None = None, *,
                include_betweenness: bool = False) -> Analysis:
        from .findings import drain

        return drain(self._steps(doc, settings, include_betweenness))

    def start(self, doc: Document, settings: Settings | None = None) -> AnalysisJob:
        """A refresh to run a slice at a time (betweenness is never part of it)."""
        return AnalysisJob(doc, self._steps(doc, settings, False))

    def _steps(self, doc: Document, settings: Settings | None,
               include_betweenness: bool) -> Generator[None, None, Analysis]:
        from .engine import analysis_steps
        from .incremental import Duplicate, Incremental

        s = settings if settings is not None else Settings.from_document(doc)
        self.incremental = False
        if not include_betweenness:
            result = self._incremental(doc, s)
            if result is not None:
                return result
        yield from self._topology(doc, s)
        assert self._loops is not None
        if not include_betweenness:
            inc = Incremental()  # installed once complete: an abandoned job leaves no trace
            try:
                result = yield from inc.full_steps(doc, s, self._graph, self._loops)
            except Duplicate:
                pass
            else:
                old, self._inc = self._inc, inc
                if old is not None:
                    yield from old.release()  # freeing it at once would block for ms
                return result
        self._inc = None
        return (yield from analysis_steps(doc, s, include_betweenness=include_betweenness,
                                          graph=self._graph, loops=self._loops))

    def _incremental(self, doc: Document, s: Settings) -> Analysis | None:
        """The result updated from the edit's changes, or None if that is not possible."""
        from .incremental import Duplicate, Rebuild

        if self._graph is None or self._loops is None or self._key is None or self._inc is None:
            return None
        d = self._inc.delta(doc, s)
        if d is None:
            return None
        old = self._key
        if d.flows:
            gone = {(f.source_id, f.target_id, f.id) for f, _ in d.flows if f is not None}
            added = {(f.source_id, f.target_id, f.id) for _, f in d.flows if f is not None}
            key = (old[0], (old[1] - gone) | added, *old[2:])  # type: ignore[operator]
            if not self._patch(old, key, s):
                return None
            self._key = key
        self._update_cards(doc, [n for _, n in d.cards])
        try:
            result = self._inc.update(doc, d, self._graph, self._loops)
        except (Duplicate, Rebuild):
            self._inc = None
            return None
        self.reused = self.incremental = True
        return result

    def _topology(self, doc: Document, s: Settings) -> Generator[None, None, None]:
        """The graph and the loop list of ``doc``: kept, patched or rebuilt (in two slices)."""
        from .graph import build_graph_steps
        from .handoffs import find_cycles_steps

        key = (frozenset(doc.touchpoints),
               frozenset((f.source_id, f.target_id, f.id) for f in doc.flows.values()),
               s.cycle_max_length, s.cycle_max_count)
        frame = (tuple(doc.lanes), tuple(doc.stages))
        old = self._key if self._graph is not None and self._loops is not None else None
        self.reused = key == old
        if not self.reused and old is not None and self._patch(old, key, s):
            self.reused = True  # same cards, other flows: graph and loops were patched
        if self.reused:
            self._key = key
            self._update_nodes(doc, frame)
            self._frame, self._tps = frame, dict(doc.touchpoints)
        else:
            self._key, self._loops = None, None  # until both are rebuilt in this refresh
            self._graph = None
            graph = yield from build_graph_steps(doc)
            self._graph = graph
            self._frame, self._tps = frame, dict(doc.touchpoints)
            yield  # a job never resumes after an edit, so the graph is still current below
            self._loops = yield from find_cycles_steps(graph, s)
            self._key = key
            yield

    def _patch(self, old: tuple[Any, ...], new: tuple[Any, ...], s: Settings) -> bool:
        """Only flows changed: patch the graph's edges and the loop list in place of a rebuild.

        Loops through a removed flow go; loops through an added flow u -> v are the paths
        v ... u of at most ``cycle_max_length`` cards. Refused (False) when the cards changed
        (node order must stay that of a fresh build, for sampled betweenness) or when the list
        of loops is, or would be, cut at ``cycle_max_count`` (which loops are listed then depends
        on the search order of a fresh build)."""
        import networkx as nx

        assert self._loops is not None
        if old[0] != new[0] or old[2:] != new[2:] or self._loops[1]:
            return False
        gone, added = old[1] - new[1], new[1] - old[1]
        g = self._graph
        g.remove_edges_from((u, v) for u, v, _ in gone)
        g.add_edges_from((u, v, {"flow": fid}) for u, v, fid in added)
        cut_pairs = {(u, v) for u, v, _ in gone} - {(u, v) for u, v, _ in added}
        loops = [c for c in self._loops[0]
                 if not any(pair in cut_pairs for pair in zip(c, [*c[1:], c[0]], strict=True))]
        seen = {_canonical(c) for c in loops}
        for u, v, _ in added:
            for path in nx.all_simple_paths(g, v, u, cutoff=s.cycle_max_length - 1):
                c = _canonical(path)
                if c not in seen:
                    seen.add(c)
                    loops.append(list(c))
        if len(loops) > s.cycle_max_count:
            self._key, self._loops = None, None
            self._graph = None
            return False
        self._loops = (loops, False)
        return True

    def _update_cards(self, doc: Document, cards: list[TouchPoint]) -> None:
        """Node attributes of changed cards (lanes and stages are as before)."""
        if not cards:
            return
        from .graph import layer_of

        stage_index = {st.id: i for i, st in enumerate(doc.stages)}
        nodes = self._graph.nodes
        for t in cards:
            nodes[t.id].update(lane=t.lane_id, layer=layer_of(doc.lane(t.lane_id)),
                               stage=t.stage_id, stage_index=stage_index[t.stage_id],
                               score=t.score)
            self._tps[t.id] = t

    def _update_nodes(self, doc: Document, frame: tuple[object, ...]) -> None:
        from .graph import layer_of

        stage_index = {st.id: i for i, st in enumerate(doc.stages)}
        layers = {ln.id: layer_of(ln) for ln in doc.lanes}
        every = frame != self._frame  # a lane's layer or the stage order may have changed
        nodes = self._graph.nodes
        for t in doc.touchpoints.values():
            if every or self._tps.get(t.id) is not t:
                nodes[t.id].update(lane=t.lane_id, layer=layers[t.lane_id], stage=t.stage_id,
                                   stage_index=stage_index[t.stage_id], score=t.score)


def _canonical(cycle: list[str]) -> tuple[str, ...]:
    """A loop written from its smallest id, so the same loop always reads the same."""
    i = cycle.index(min(cycle))
    return (*cycle[i:], *cycle[:i])
