"""The rows of each exported sheet, as plain Python values (numbers, dates, text, None)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence
from statistics import fmean

from journeymapper.analysis.results import Analysis, Finding, HandoffKind
from journeymapper.model import Document, Lane, PainPoint, Stage, TouchPoint, zone_of

from .columns import TOUCHPOINT_COLUMNS
from .text import join

Value = str | int | float | dt.date | None
Row = tuple[Value, ...]


def is_gap(f: Finding) -> bool:
    return f.kind.startswith("gap")


def ordered_touchpoints(doc: Document) -> list[TouchPoint]:
    """Cards in reading order: stage by stage, lane by lane, then their order in the cell."""
    s_idx = {s.id: i for i, s in enumerate(doc.stages)}
    l_idx = {ln.id: i for i, ln in enumerate(doc.lanes)}
    return sorted(doc.touchpoints.values(),
                  key=lambda t: (s_idx[t.stage_id], l_idx[t.lane_id], t.rank, t.id))


def _pain_by_tp(doc: Document) -> dict[str, list[PainPoint]]:
    out: dict[str, list[PainPoint]] = {}
    for p in doc.pain_points.values():
        out.setdefault(p.touchpoint_id, []).append(p)
    for lst in out.values():
        lst.sort(key=lambda p: (-p.severity, p.id))
    return out


def next_labels(doc: Document, tps: Sequence[TouchPoint]) -> dict[str, str]:
    """How each card is named in a Next touch-point cell: its title, or ``title [ID]`` when
    another card has the same title (or the title holds the list separator)."""
    counts = Counter(t.title.casefold() for t in tps)
    return {t.id: (t.title if counts[t.title.casefold()] == 1 and ";" not in t.title
                   and not t.title.endswith("]") else f"{t.title} [{t.id}]") for t in tps}


LANE_OWNER = [c.header for c in TOUCHPOINT_COLUMNS].index("Lane owner")
STAGE_DESCRIPTION = [c.header for c in TOUCHPOINT_COLUMNS].index("Stage description")
STAGE_NAME = [c.header for c in TOUCHPOINT_COLUMNS].index("Stage")


def _pad(row: Row) -> Row:
    return (*row, *([None] * (len(TOUCHPOINT_COLUMNS) - len(row))))


def _marks(t: TouchPoint) -> str:
    return join([m for m, on in (("start", t.is_start), ("end", t.is_end)) if on])


def touchpoint_rows(doc: Document) -> list[Row]:
    """The Touch-points sheet (see columns.TOUCHPOINT_COLUMNS): one row per pain point, one row
    for a card without any, and one row with an empty touch-point for a stage or a lane that has
    no card (so that the import recreates it)."""
    stages, lanes = doc.stages, doc.lanes
    s_no = {s.id: i + 1 for i, s in enumerate(stages)}
    l_no = {ln.id: i + 1 for i, ln in enumerate(lanes)}
    tps = ordered_touchpoints(doc)
    labels = next_labels(doc, tps)
    pains = _pain_by_tp(doc)
    targets: dict[str, list[tuple[TouchPoint, str]]] = {}
    tp_map = doc.touchpoints
    order = {t.id: i for i, t in enumerate(tps)}
    for f in doc.flows.values():
        targets.setdefault(f.source_id, []).append((tp_map[f.target_id], f.label))
    rows: list[Row] = []
    used_stages = {t.stage_id for t in tps}
    used_lanes = {t.lane_id for t in tps}
    by_stage: dict[str, Stage] = {s.id: s for s in stages}
    by_lane: dict[str, Lane] = {ln.id: ln for ln in lanes}

    def place(st: Stage, ln: Lane) -> Row:
        return (s_no[st.id], st.name, l_no[ln.id], ln.name, str(ln.layer or ""))

    def declare(row: Row, ln: Lane | None) -> Row:
        """A row with no card: it only creates its stage and lane (with the lane's owner)."""
        out = list(_pad(row))
        out[LANE_OWNER] = ln.owner if ln else None
        return tuple(out)

    # Empty stages and lanes first in their own order (the import orders by the no. columns).
    for st in stages:
        if st.id not in used_stages and lanes:
            rows.append(declare((None, *place(st, lanes[0])), lanes[0]))
    for ln in lanes:
        if ln.id not in used_lanes and stages:
            rows.append(declare((None, *place(stages[0], ln)), ln))
    if not lanes:
        rows.extend(declare((None, s_no[s.id], s.name), None) for s in stages)
    if not stages:
        rows.extend(declare((None, None, None, l_no[ln.id], ln.name, str(ln.layer or "")), ln)
                    for ln in lanes)
    for t in tps:
        nxt = sorted(targets.get(t.id, ()), key=lambda x: order[x[0].id])
        flow_labels = [" ".join(label.split()) for _, label in nxt]
        card: Row = (
            t.id, *place(by_stage[t.stage_id], by_lane[t.lane_id]), t.title, str(t.channel),
            t.score, str(zone_of(t.score) or ""), t.owner, by_lane[t.lane_id].owner,
            join(t.tags), t.notes, _marks(t),
            join([labels[x.id] for x, _ in nxt]), join([x.id for x, _ in nxt]),
            "\n".join(flow_labels) if any(flow_labels) else None,
        )
        pps = pains.get(t.id)
        if not pps:
            rows.append(_pad(card))
        for p in pps or ():
            rows.append(_pad((*card, p.text, p.severity, str(p.kind), str(p.dimension or ""),
                              p.votes, p.id)))
    return _describe_stages(rows, stages)


def _describe_stages(rows: list[Row], stages: list[Stage]) -> list[Row]:
    """Put each stage's description on the first row of that stage."""
    todo = {s.name: s.description for s in stages if s.description}
    out = []
    for r in rows:
        name = r[STAGE_NAME]
        if isinstance(name, str) and name in todo:
            r = (*r[:STAGE_DESCRIPTION], todo.pop(name), *r[STAGE_DESCRIPTION + 1:])
        out.append(r)
    return out


def backlog_rows(doc: Document, analysis: Analysis | None) -> list[Row]:
    titles = {f.id: f.title for f in analysis.findings} if analysis else {}
    pps = doc.pain_points
    rows: list[Row] = []
    for i, a in enumerate(doc.actions, 1):
        lane = doc.get("lane", a.owner_lane_id) if a.owner_lane_id else None
        quick = "yes" if a.impact >= 4 and a.effort <= 2 else ""
        rows.append((
            i, a.title, a.description,
            join([pps[p].text for p in a.pain_point_ids if p in pps], "\n"),
            join([titles.get(f, f) for f in a.finding_ids], "\n"),
            lane.name if isinstance(lane, Lane) else "", a.owner_person, str(a.priority),
            a.impact, a.effort, quick, str(a.status), a.due, a.id,
        ))
    return rows


def pain_rows(doc: Document) -> list[Row]:
    """Pain points, most voted and most severe first."""
    tps = doc.touchpoints
    actions: dict[str, list[str]] = {}
    for a in doc.actions:
        for pid in a.pain_point_ids:
            actions.setdefault(pid, []).append(a.title)
    rows: list[Row] = []
    for p in sorted(doc.pain_points.values(), key=lambda p: (-p.votes, -p.severity, p.id)):
        t = tps[p.touchpoint_id]
        rows.append((
            p.text, p.severity, p.votes, str(p.kind), str(p.dimension or ""), t.title,
            doc.stage(t.stage_id).name, doc.lane(t.lane_id).name, t.score,
            join(actions.get(p.id, []), "\n"), p.id,
        ))
    return rows


_HANDOFF_LABEL = {HandoffKind.BACKSTAGE: "backstage", HandoffKind.VISIBLE: "visible",
                  HandoffKind.CUSTOMER_CARRIED: "customer-carried"}


def handoff_rows(doc: Document, analysis: Analysis | None) -> list[Row]:
    if analysis is None:
        return []
    s_idx = {s.id: i for i, s in enumerate(doc.stages)}
    tps = doc.touchpoints

    def title(tid: str) -> str:
        t = tps.get(tid)
        return t.title if t else tid

    def name(kind: str, eid: str) -> str:
        e = doc.get(kind, eid)
        return getattr(e, "name", eid)

    rows: list[Row] = []
    for h in sorted(analysis.handoffs, key=lambda h: (s_idx.get(h.stage_id, 0), h.touchpoint_ids)):
        ids = h.touchpoint_ids
        via = title(ids[1]) if len(ids) == 3 else ""
        rows.append((_HANDOFF_LABEL.get(h.kind, str(h.kind)), name("stage", h.stage_id),
                     name("lane", h.from_lane_id), name("lane", h.to_lane_id),
                     title(ids[0]) if ids else "", via, title(ids[-1]) if ids else ""))
    return rows


def matrix_rows(doc: Document, analysis: Analysis | None) -> list[Row]:
    """The lane-to-lane matrix: a header row (lane names) then one row per lane that hands work
    over or receives it (rows: from, columns: to)."""
    if analysis is None or not analysis.matrix:
        return []
    involved = {a for pair in analysis.matrix for a in pair}
    lanes = [ln for ln in doc.lanes if ln.id in involved]
    rows: list[Row] = [("From \\ to", *(ln.name for ln in lanes))]
    for a in lanes:
        rows.append((a.name, *(analysis.matrix.get((a.id, b.id)) or None for b in lanes)))
    return rows


def gap_rows(doc: Document, analysis: Analysis | None) -> list[Row]:
    if analysis is None:
        return []

    def names(kind: str, ids: tuple[str, ...]) -> str:
        out = []
        for i in ids:
            e = doc.get(kind, i)
            out.append(str(getattr(e, "title", None) or getattr(e, "name", None) or i))
        return join(out, "\n")

    gaps = sorted((f for f in analysis.findings if is_gap(f)),
                  key=lambda f: (-f.severity.weight, f.kind, f.id))
    return [(f.title, str(f.severity), f.message, f.suggestion, names("stage", f.stage_ids),
             names("lane", f.lane_ids), names("touchpoint", f.touchpoint_ids),
             "yes" if f.dismissed or f.id in doc.dismissed else "", f.kind, f.id) for f in gaps]


def journey_mean(doc: Document) -> float | None:
    scores = [t.score for t in doc.touchpoints.values() if t.score is not None]
    return round(fmean(scores), 2) if scores else None


def top_pains(doc: Document, n: int = 10) -> Iterator[PainPoint]:
    yield from sorted(doc.pain_points.values(), key=lambda p: (-p.votes, -p.severity, p.id))[:n]
