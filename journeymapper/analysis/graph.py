"""The journey as a NetworkX graph, and the lookups every analysis step shares.

A lane with no layer set is treated as ``frontstage`` (the default layer of a new lane, and the
cautious reading: the customer may see it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from journeymapper.model import Document, Lane, Layer, TouchPoint

from .settings import Settings

if TYPE_CHECKING:
    import networkx as nx

BEHIND = frozenset({Layer.BACKSTAGE, Layer.SUPPORT})  # behind the line of visibility
FACING = frozenset({Layer.CUSTOMER, Layer.FRONTSTAGE})  # customer-facing


def layer_of(lane: Lane) -> Layer:
    return lane.layer if lane.layer is not None else Layer.FRONTSTAGE


def build_graph(doc: Document) -> nx.DiGraph:
    """Nodes: touch-point ids with ``lane``, ``layer`` (a Layer), ``stage``, ``stage_index`` and
    ``score``. Edges: flows, with the flow's id as ``flow``."""
    import networkx as nx

    stage_index = {s.id: i for i, s in enumerate(doc.stages)}
    layers = {ln.id: layer_of(ln) for ln in doc.lanes}
    g = nx.DiGraph()
    g.add_nodes_from(
        (t.id, {"lane": t.lane_id, "layer": layers[t.lane_id], "stage": t.stage_id,
                "stage_index": stage_index[t.stage_id], "score": t.score})
        for t in doc.touchpoints.values()
    )
    g.add_edges_from((f.source_id, f.target_id, {"flow": f.id}) for f in doc.flows.values())
    return g


@dataclass(slots=True)
class Journey:
    """A document with its graph and the indices the analysis steps read."""

    doc: Document
    settings: Settings
    graph: Any  # nx.DiGraph
    stage_index: dict[str, int] = field(default_factory=dict)
    lane_index: dict[str, int] = field(default_factory=dict)
    layer: dict[str, Layer] = field(default_factory=dict)  # lane id -> effective layer

    @classmethod
    def of(cls, doc: Document, settings: Settings, graph: Any = None) -> Journey:
        return cls(
            doc, settings, build_graph(doc) if graph is None else graph,
            {s.id: i for i, s in enumerate(doc.stages)},
            {ln.id: i for i, ln in enumerate(doc.lanes)},
            {ln.id: layer_of(ln) for ln in doc.lanes},
        )

    # -- names for sentences ---------------------------------------------------------------------
    def tp(self, tp_id: str) -> TouchPoint:
        return self.doc.touchpoints[tp_id]

    def card(self, tp_id: str) -> str:
        return f"'{self.doc.touchpoints[tp_id].title}'"

    def lane_name(self, lane_id: str) -> str:
        return self.doc.lane(lane_id).name

    def stage_name(self, stage_id: str) -> str:
        return self.doc.stage(stage_id).name

    def is_customer(self, tp_id: str) -> bool:
        return self.layer[self.doc.touchpoints[tp_id].lane_id] is Layer.CUSTOMER

    def place(self, tp_id: str) -> tuple[int, int]:
        """Sort key: map order (stage, then lane)."""
        t = self.doc.touchpoints[tp_id]
        return self.stage_index[t.stage_id], self.lane_index[t.lane_id]

    def is_review(self, tp_id: str) -> bool:
        tags = self.settings.review_tags
        return any(tag.strip().lower() in tags for tag in self.doc.touchpoints[tp_id].tags)
