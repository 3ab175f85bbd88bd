"""The analysis as plain JSON data (the ``analyze --json`` output and the exporters' input).

Shape::

    {"revision": int,
     "handoffs": [{"kind", "from": {"id", "name"}, "to": {"id", "name"},
                   "stage": {"id", "name"}, "touchpoint_ids", "flow_ids"}],
     "matrix": [{"from": {"id", "name"}, "to": {"id", "name"}, "count"}],   # lane order
     "per_stage": [{"id", "name", "count"}],                               # stage order
     "findings": [{"id", "kind", "severity", "title", "message", "suggestion",
                   "touchpoint_ids", "lane_ids", "stage_ids", "flow_ids", "pain_point_ids",
                   "dismissed"}],
     "summary": {...}}                                                     # see engine._summary
"""

from __future__ import annotations

from typing import Any

from journeymapper.model import Document

from .results import Analysis, Finding


def _ref(doc: Document, kind: str, eid: str) -> dict[str, str]:
    e = doc.get(kind, eid)
    return {"id": eid, "name": getattr(e, "name", eid)}


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id, "kind": f.kind, "severity": f.severity.value, "title": f.title,
        "message": f.message, "suggestion": f.suggestion,
        "touchpoint_ids": list(f.touchpoint_ids), "lane_ids": list(f.lane_ids),
        "stage_ids": list(f.stage_ids), "flow_ids": list(f.flow_ids),
        "pain_point_ids": list(f.pain_point_ids), "dismissed": f.dismissed,
    }


def analysis_to_json(doc: Document, analysis: Analysis) -> dict[str, object]:
    lane_pos = {ln.id: i for i, ln in enumerate(doc.lanes)}
    cells = sorted(analysis.matrix.items(),
                   key=lambda kv: (lane_pos.get(kv[0][0], -1), lane_pos.get(kv[0][1], -1), kv[0]))
    return {
        "revision": analysis.revision,
        "handoffs": [{
            "kind": h.kind.value, "from": _ref(doc, "lane", h.from_lane_id),
            "to": _ref(doc, "lane", h.to_lane_id), "stage": _ref(doc, "stage", h.stage_id),
            "touchpoint_ids": list(h.touchpoint_ids), "flow_ids": list(h.flow_ids),
        } for h in analysis.handoffs],
        "matrix": [{"from": _ref(doc, "lane", a), "to": _ref(doc, "lane", b), "count": n}
                   for (a, b), n in cells],
        "per_stage": [{**_ref(doc, "stage", sid), "count": n}
                      for sid, n in analysis.per_stage.items()],
        "findings": [_finding(f) for f in analysis.findings],
        "summary": analysis.summary,
    }
