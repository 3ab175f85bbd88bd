"""Turning a finding into model edits: the backlog action it suggests, dismissal, and the map
entities it concerns (Qt-free helpers the dock calls)."""

from __future__ import annotations

from journeymapper.analysis import Finding, Severity
from journeymapper.model import Document, Edit, Layer, Priority, edits

PRIORITY = {Severity.CRITICAL: Priority.HIGH, Severity.WARNING: Priority.MEDIUM,
            Severity.INFO: Priority.LOW}
Ref = tuple[str, str]


def owner_lane(doc: Document, f: Finding) -> str | None:
    """The lane that should own the fix: the first non-customer lane the finding names, else
    the lane of its first non-customer card; None when only the customer is involved."""
    lanes = {ln.id: ln for ln in doc.lanes}
    for ln in f.lane_ids:
        if ln in lanes and lanes[ln].layer is not Layer.CUSTOMER:
            return ln
    for t in f.touchpoint_ids:
        tp = doc.touchpoints.get(t)
        if tp is not None and lanes[tp.lane_id].layer is not Layer.CUSTOMER:
            return tp.lane_id
    return None


def backlog_edit(doc: Document, f: Finding) -> Edit:
    """One edit: an action titled with the suggestion, linked to the finding and its pain
    points, owned by the most relevant lane, the finding's sentence as its description."""
    title = (f.suggestion or f.title).strip()[:500]
    pains = [p for p in f.pain_point_ids if p in doc.pain_points]
    return edits.add_action(doc, title, finding_ids=[f.id], pain_point_ids=pains,
                            owner_lane_id=owner_lane(doc, f), description=f.message,
                            priority=PRIORITY[f.severity])


def dismiss_edit(doc: Document, f: Finding) -> Edit:
    if f.id in doc.dismissed:
        return edits.restore_finding(doc, f.id)
    return edits.dismiss_finding(doc, f.id)


def refs_of(doc: Document, f: Finding) -> list[Ref]:
    """What to select on the map: its cards, else its flows, else its stages and lanes."""
    cards = [("touchpoint", t) for t in f.touchpoint_ids if t in doc.touchpoints]
    if cards:
        return cards
    flows = [("flow", i) for i in f.flow_ids if i in doc.flows]
    if flows:
        return flows
    stage_ids = {s.id for s in doc.stages}
    lane_ids = {ln.id for ln in doc.lanes}
    return [("stage", s) for s in f.stage_ids if s in stage_ids] + \
        [("lane", ln) for ln in f.lane_ids if ln in lane_ids]


def in_backlog(doc: Document, finding_id: str) -> bool:
    return any(finding_id in a.finding_ids for a in doc.actions)
