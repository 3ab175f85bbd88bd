"""The live refresh: analysis after every edit, reusing what the edit cannot have changed.

Most live edits (a drag, a title, a score) leave the map's *topology* alone: the same cards and
the same flows. Then the NetworkX graph and the bounded loop search, the two costliest steps of
a refresh, are reused; only node attributes of changed cards are updated. Everything else is
recomputed, so the result is always exactly what :func:`analyze` would return.
"""

from __future__ import annotations

from typing import Any

from journeymapper.model import Document

from .results import Analysis
from .settings import Settings


class LiveAnalysis:
    """Keep one per open workshop; call :meth:`refresh` after each change (or batch of them)."""

    def __init__(self) -> None:
        self._key: tuple[object, ...] | None = None
        self._graph: Any = None
        self._loops: tuple[list[list[str]], bool] | None = None
        self._tps: dict[str, object] = {}
        self._frame: tuple[object, ...] = ()
        self.reused = False  # whether the last refresh reused the graph and loops

    def refresh(self, doc: Document, settings: Settings | None = None, *,
                include_betweenness: bool = False) -> Analysis:
        from .engine import analyze
        from .graph import Journey, build_graph
        from .handoffs import find_cycles

        s = settings if settings is not None else Settings.from_document(doc)
        key = (frozenset(doc.touchpoints),
               frozenset((f.source_id, f.target_id) for f in doc.flows.values()),
               s.cycle_max_length, s.cycle_max_count)
        frame = (tuple(doc.lanes), tuple(doc.stages))
        self.reused = key == self._key and self._graph is not None
        if self.reused:
            self._update_nodes(doc, frame)
        else:
            self._graph = build_graph(doc)
            self._loops = None
        if self._loops is None:
            self._loops = find_cycles(Journey.of(doc, s, self._graph))
        self._key, self._frame, self._tps = key, frame, dict(doc.touchpoints)
        return analyze(doc, s, include_betweenness=include_betweenness, graph=self._graph,
                       loops=self._loops)

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
