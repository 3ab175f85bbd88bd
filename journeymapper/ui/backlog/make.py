"""Actions made from a pain point or a finding, with their links, owner and priority filled in."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from journeymapper.model import Document, Edit, PainPoint, Priority, edits
from journeymapper.model.text import one_line, shorten

from .columns import priority_for_severity

if TYPE_CHECKING:
    from journeymapper.analysis.results import Finding  # the analysis loads after start-up

Ref = tuple[str, str]
FINDING_PRIORITY = {"critical": Priority.HIGH, "warning": Priority.MEDIUM, "info": Priority.LOW}
TITLE_MAX = 120


def top_pain_point(pps: Iterable[PainPoint]) -> PainPoint | None:
    """Most votes, then most severe (the same rule as a vote on a card)."""
    return min(pps, key=lambda p: (-p.votes, -p.severity, p.id), default=None)


def pain_point_from(doc: Document, refs: Iterable[Ref], fallback: str | None = None) -> \
        PainPoint | None:
    """The pain point a selection stands for: a selected pain point, else the top pain point
    of the first selected card that has one, else ``fallback`` (a pain point id)."""
    refs = list(refs)
    pps = doc.pain_points
    for kind, eid in refs:
        if kind == "painpoint" and eid in pps:
            return pps[eid]
    for kind, eid in refs:
        if kind == "touchpoint" and eid in doc.touchpoints:
            top = top_pain_point(doc.pain_points_of(eid))
            if top is not None:
                return top
    return pps.get(fallback) if fallback else None


def _title(text: str) -> str:
    return shorten(one_line(text), TITLE_MAX)


def action_for_pain_point(doc: Document, pp: PainPoint) -> Edit:
    tp = doc.touchpoint(pp.touchpoint_id)
    why = f"Pain point on “{tp.title}”: {pp.text} (severity {pp.severity}, {pp.kind})"
    return edits.add_action(doc, _title(f"Fix: {pp.text}"), pain_point_ids=[pp.id],
                            owner_lane_id=tp.lane_id, priority=priority_for_severity(pp.severity),
                            impact=max(1, min(5, pp.severity)), description=why)


def action_for_finding(doc: Document, f: Finding) -> Edit:
    pps = [p for p in f.pain_point_ids if p in doc.pain_points]
    lanes = [ln for ln in f.lane_ids if doc.get("lane", ln)]
    if not lanes:  # the lane of the first card the finding names
        lanes = [doc.touchpoints[t].lane_id for t in f.touchpoint_ids if t in doc.touchpoints]
    title = f.suggestion or f.title
    return edits.add_action(doc, _title(title), pain_point_ids=pps, finding_ids=[f.id],
                            owner_lane_id=lanes[0] if lanes else None,
                            priority=FINDING_PRIORITY.get(str(f.severity), Priority.MEDIUM),
                            description=f.message)
