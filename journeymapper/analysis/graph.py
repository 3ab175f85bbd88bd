"""The journey as a NetworkX graph, and the lookups every analysis step shares.

A lane with no layer set is treated as ``frontstage`` (the default layer of a new lane, and the
cautious reading: the customer may see it).
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from journeymapper.model import Document, Lane, Layer, TouchPoint

from .findings import drain
from .settings import Settings

if TYPE_CHECKING:
    import networkx as nx

BEHIND = frozenset({Layer.BACKSTAGE, Layer.SUPPORT})  # behind the line of visibility
FACING = frozenset({Layer.CUSTOMER, Layer.FRONTSTAGE})  # customer-facing


def layer_of(lane: Lane) -> Layer:
    return lane.layer if lane.layer is not None else Layer.FRONTSTAGE


def build_graph(doc: Document) -> nx.DiGraph:
    """Nodes: touch-point ids with ``lane``, ``layer`` (a Layer), ``stage``, ``stage_index`` and
    ``score``. Edges: flows, with the flow's id as ``flow``. Nodes are added in id order and
    edges in (source, target) order, so graph algorithms visit them in the same order whatever
    the edit history."""
    return drain(build_graph_steps(doc))


GRAPH_CHUNK = 1500  # nodes or edges added per slice of :func:`build_graph_steps`


def build_graph_steps(doc: Document) -> Generator[None, None, nx.DiGraph]:
    """:func:`build_graph` in slices (the same graph, built in the same order)."""
    import networkx as nx

    stage_index = {s.id: i for i, s in enumerate(doc.stages)}
    layers = {ln.id: layer_of(ln) for ln in doc.lanes}
    g = nx.DiGraph()
    tps = sorted(doc.touchpoints.values(), key=lambda t: t.id)
    yield
    for i in range(0, len(tps), GRAPH_CHUNK):
        g.add_nodes_from(
            (t.id, {"lane": t.lane_id, "layer": layers[t.lane_id], "stage": t.stage_id,
                    "stage_index": stage_index[t.stage_id], "score": t.score})
            for t in tps[i:i + GRAPH_CHUNK])
        yield
    flows = sorted(doc.flows.values(), key=lambda f: (f.source_id, f.target_id))
    yield
    for i in range(0, len(flows), GRAPH_CHUNK):
        g.add_edges_from((f.source_id, f.target_id, {"flow": f.id})
                         for f in flows[i:i + GRAPH_CHUNK])
        if i + GRAPH_CHUNK < len(flows):
            yield
    return g


@dataclass(slots=True)
class Journey:
    """A document with the indices every analysis step reads, built once per run.

    ``succ``/``pred`` are plain adjacency dicts (card -> {neighbour: flow id}): the linear scans
    run on them, several times faster than through NetworkX views. The NetworkX graph (for the
    cycle search and betweenness) is built on first use, or passed in by a cache.
    """

    doc: Document
    settings: Settings
    tps: dict[str, TouchPoint]
    succ: dict[str, dict[str, str]]
    pred: dict[str, dict[str, str]]
    stage_index: dict[str, int]
    lane_index: dict[str, int]
    layer: dict[str, Layer]  # lane id -> effective layer
    lane_names: dict[str, str]
    stage_names: dict[str, str]
    place_of: dict[str, tuple[int, int]]  # card -> (stage index, lane index)
    by_stage: dict[str, list[str]]  # stage id -> its cards
    n_flows: int
    _graph: Any = None

    @classmethod
    def of(cls, doc: Document, settings: Settings, graph: Any = None) -> Journey:
        lanes, stages, tps = doc.lanes, doc.stages, doc.touchpoints
        si = {s.id: i for i, s in enumerate(stages)}
        li = {ln.id: i for i, ln in enumerate(lanes)}
        succ: dict[str, dict[str, str]] = {t: {} for t in tps}
        pred: dict[str, dict[str, str]] = {t: {} for t in tps}
        for f in doc.flows.values():
            succ[f.source_id][f.target_id] = f.id
            pred[f.target_id][f.source_id] = f.id
        by_stage: dict[str, list[str]] = {s.id: [] for s in stages}
        for t in tps.values():
            by_stage[t.stage_id].append(t.id)
        return cls(
            doc, settings, tps, succ, pred, si, li, {ln.id: layer_of(ln) for ln in lanes},
            {ln.id: ln.name for ln in lanes}, {s.id: s.name for s in stages},
            {t.id: (si[t.stage_id], li[t.lane_id]) for t in tps.values()}, by_stage,
            len(doc.flows), graph,
        )

    @property
    def graph(self) -> Any:  # nx.DiGraph
        if self._graph is None:
            self._graph = build_graph(self.doc)
        return self._graph

    # -- lookups ---------------------------------------------------------------------------------
    def tp(self, tp_id: str) -> TouchPoint:
        return self.tps[tp_id]

    def lane_of(self, tp_id: str) -> str:
        return self.tps[tp_id].lane_id

    def layer_at(self, tp_id: str) -> Layer:
        return self.layer[self.tps[tp_id].lane_id]

    def card(self, tp_id: str) -> str:
        return f"'{self.tps[tp_id].title}'"

    def lane_name(self, lane_id: str) -> str:
        return self.lane_names[lane_id]

    def stage_name(self, stage_id: str) -> str:
        return self.stage_names[stage_id]

    def place(self, tp_id: str) -> tuple[int, int]:
        """Sort key: map order (stage, then lane)."""
        return self.place_of[tp_id]

    def is_review(self, tp_id: str) -> bool:
        tags = self.settings.review_tags
        return any(tag.strip().lower() in tags for tag in self.tps[tp_id].tags)
