"""Holes in the journey (DESIGN.md §5, gaps). One function per gap kind, each returning drafts.

Rules worth knowing:

- The flow-based gaps (``gap-isolated``, ``gap-unreachable``, ``gap-dead-end``) only apply once the
  map has at least one flow: before that, the room has not started drawing the flow.
- A card with no flow at all is reported as ``gap-isolated`` only, not also as unreachable or as a
  dead end.
- Starts are the cards flagged ``is_start``; if none is, the cards with no incoming flow in the
  first stage that has cards (all of that stage's cards if each has an incoming flow).
- The "last stage" of a dead end is the last stage that has cards (an empty last stage is already
  a ``gap-empty-stage``).
- Customer-lane cards need no accountable owner: the customer is not a department.
- A pain point counts as acted on when an action that is not ``dropped`` links it.
"""

from __future__ import annotations

from journeymapper.model import Layer, Status

from .findings import Draft, draft
from .graph import FACING, Journey
from .results import Severity


def empty_stages(j: Journey) -> list[Draft]:
    return [draft(
        "gap-empty-stage", Severity.WARNING, f"Empty stage: {s.name}",
        f"The stage {s.name} has no touch-point: nobody has said what happens to the customer "
        "there.",
        f"Ask the room what the customer does and meets during {s.name}, or remove the stage.",
        key=(s.id,), order=(j.stage_index[s.id],), stage_ids=(s.id,),
    ) for s in j.doc.stages if not j.doc.in_stage(s.id)]


def no_customer_contact(j: Journey) -> list[Draft]:
    out = []
    for s in j.doc.stages:
        cards = j.doc.in_stage(s.id)
        if cards and not any(j.layer[t.lane_id] in FACING for t in cards):
            out.append(draft(
                "gap-no-customer-contact", Severity.WARNING, f"No customer contact: {s.name}",
                f"During {s.name} everything happens out of the customer's sight: no card sits in "
                "the customer's lane or in front of them.",
                f"Decide how the customer hears what is going on during {s.name}: an update, a "
                "call, a visible step.",
                key=(s.id,), order=(j.stage_index[s.id],), stage_ids=(s.id,),
                touchpoint_ids=sorted(t.id for t in cards)))
    return out


def isolated(j: Journey) -> list[str]:
    """Cards with no flow at all, when other cards have flows."""
    g = j.graph
    if g.number_of_edges() == 0:
        return []
    return sorted((n for n in g if g.degree(n) == 0), key=lambda n: (j.place(n), n))


def isolated_findings(j: Journey, cards: list[str]) -> list[Draft]:
    return [draft(
        "gap-isolated", Severity.WARNING, f"Not connected: {j.tp(t).title}",
        f"{j.card(t)} in {j.lane_name(j.tp(t).lane_id)} has no flow in or out, while the rest of "
        "the journey is connected.",
        "Draw where the customer comes from and goes to at this card, or remove it if it no "
        "longer happens.",
        key=(t,), order=j.place(t), touchpoint_ids=(t,), lane_ids=(j.tp(t).lane_id,),
        stage_ids=(j.tp(t).stage_id,)) for t in cards]


def starts(j: Journey) -> list[str]:
    tps = j.doc.touchpoints
    flagged = sorted(t.id for t in tps.values() if t.is_start)
    if flagged:
        return flagged
    for s in j.doc.stages:
        cards = sorted(t.id for t in j.doc.in_stage(s.id))
        if cards:
            return [c for c in cards if j.graph.in_degree(c) == 0] or cards
    return []


def reachable_from(j: Journey, sources: list[str]) -> set[str]:
    succ = j.graph.succ
    seen = set(sources)
    stack = list(sources)
    while stack:
        for y in succ[stack.pop()]:
            if y not in seen:
                seen.add(y)
                stack.append(y)
    return seen


def unreachable(j: Journey, lonely: list[str]) -> list[Draft]:
    g = j.graph
    if g.number_of_edges() == 0:
        return []
    first = starts(j)
    seen = reachable_from(j, first)
    skip = set(lonely)
    names = ", ".join(j.card(t) for t in first[:3]) + (" …" if len(first) > 3 else "")
    out = []
    for t in sorted((n for n in g if n not in seen and n not in skip),
                    key=lambda n: (j.place(n), n)):
        tp = j.tp(t)
        out.append(draft(
            "gap-unreachable", Severity.WARNING, f"Cannot be reached: {tp.title}",
            f"No path of flows leads from the start of the journey ({names}) to {j.card(t)}: "
            "as drawn, no customer ever gets there.",
            "Draw the flow that brings the customer here, or mark this card as a start if the "
            "journey can begin here.",
            key=(t,), order=j.place(t), touchpoint_ids=(t,), lane_ids=(tp.lane_id,),
            stage_ids=(tp.stage_id,)))
    return out


def dead_ends(j: Journey, lonely: list[str]) -> list[Draft]:
    g = j.graph
    if g.number_of_edges() == 0:
        return []
    used = [j.stage_index[s.id] for s in j.doc.stages if j.doc.in_stage(s.id)]
    last = max(used, default=-1)
    skip = set(lonely)
    out = []
    for t in sorted(g, key=lambda n: (j.place(n), n)):
        tp = j.tp(t)
        if (g.out_degree(t) == 0 and t not in skip and not tp.is_end
                and j.stage_index[tp.stage_id] < last):
            out.append(draft(
                "gap-dead-end", Severity.WARNING, f"Dead end: {tp.title}",
                f"The journey stops at {j.card(t)} in {j.stage_name(tp.stage_id)}, before the "
                "last stage: nothing happens next.",
                "Draw what happens after this card, or mark it as an end if the journey can "
                "rightly stop here.",
                key=(t,), order=j.place(t), touchpoint_ids=(t,), lane_ids=(tp.lane_id,),
                stage_ids=(tp.stage_id,)))
    return out


def no_owner(j: Journey) -> list[Draft]:
    out = []
    for t in j.doc.touchpoints.values():
        lane = j.doc.lane(t.lane_id)
        if j.layer[lane.id] is Layer.CUSTOMER or t.owner.strip() or lane.owner.strip():
            continue
        out.append(draft(
            "gap-no-owner", Severity.INFO, f"No owner: {t.title}",
            f"Nobody is accountable for {j.card(t.id)}: neither the card nor the {lane.name} lane "
            "has an owner.",
            f"Name the person who answers for {j.card(t.id)}, or an owner for the {lane.name} "
            "lane.",
            key=(t.id,), order=j.place(t.id), touchpoint_ids=(t.id,), lane_ids=(lane.id,),
            stage_ids=(t.stage_id,)))
    return out


def pain_without_action(j: Journey) -> list[Draft]:
    doc = j.doc
    out = []
    for p in doc.pain_points.values():
        if any(a.status is not Status.DROPPED for a in doc.actions_for_pain_point(p.id)):
            continue
        t = doc.touchpoints[p.touchpoint_id]
        votes = f", {p.votes} vote{'s' if p.votes != 1 else ''}" if p.votes else ""
        out.append(draft(
            "gap-pain-no-action", Severity.WARNING if p.severity >= 4 else Severity.INFO,
            f"Pain point without action: {p.text[:60]}",
            f"The pain point \"{p.text}\" at {j.card(t.id)} (severity {p.severity}{votes}) has "
            "no action in the backlog yet.",
            f"Add an action for the {j.lane_name(t.lane_id)} lane that removes this pain point.",
            key=(p.id,), order=(*j.place(t.id), -p.severity), touchpoint_ids=(t.id,),
            lane_ids=(t.lane_id,), stage_ids=(t.stage_id,), pain_point_ids=(p.id,)))
    return out


def has_back_flow(j: Journey) -> bool:
    nodes = j.graph.nodes
    return any(nodes[t]["stage_index"] < nodes[s]["stage_index"] for s, t in j.graph.edges())


def no_review(j: Journey) -> list[Draft]:
    tps = j.doc.touchpoints
    if not tps or has_back_flow(j) or any(j.is_review(t) for t in tps):
        return []
    return [draft(
        "gap-no-review", Severity.WARNING, "No review or feedback loop",
        "Nothing in this journey looks back: no flow returns to an earlier stage and no card is "
        "tagged as a review or feedback step, so nobody learns how it went for the customer.",
        "Add a review or feedback touch-point (a check-in call, a feedback form) and tag it "
        "'review'.",
        key=())]
