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

from collections.abc import Generator

from journeymapper.model import Layer, PainPoint, Stage, Status, TouchPoint

from .findings import CHUNK, Draft, draft, drain, uniq
from .graph import FACING, Journey
from .results import Severity


def empty_stages(j: Journey) -> list[Draft]:
    return [empty_stage_draft(j, s) for s in j.doc.stages if not j.by_stage[s.id]]


def empty_stage_draft(j: Journey, s: Stage) -> Draft:
    return draft(
        "gap-empty-stage", Severity.WARNING, f"Empty stage: {s.name}",
        f"The stage {s.name} has no touch-point: nobody has said what happens to the customer "
        "there.",
        f"Ask the room what the customer does and meets during {s.name}, or remove the stage.",
        key=(s.id,), order=(j.stage_index[s.id],), stage_ids=(s.id,))


def no_customer_contact(j: Journey) -> list[Draft]:
    return [d for s in j.doc.stages if (d := no_contact_draft(j, s)) is not None]


def no_contact_draft(j: Journey, s: Stage) -> Draft | None:
    cards = [j.tps[t] for t in j.by_stage[s.id]]
    if cards and not any(j.layer[t.lane_id] in FACING for t in cards):
        return draft(
                "gap-no-customer-contact", Severity.WARNING, f"No customer contact: {s.name}",
                f"During {s.name} everything happens out of the customer's sight: no card sits in "
                "the customer's lane or in front of them.",
                f"Decide how the customer hears what is going on during {s.name}: an update, a "
                "call, a visible step.",
                key=(s.id,), order=(j.stage_index[s.id],), stage_ids=(s.id,),
                touchpoint_ids=sorted(t.id for t in cards))
    return None


def isolated(j: Journey) -> list[str]:
    """Cards with no flow at all, when other cards have flows."""
    if j.n_flows == 0:
        return []
    succ, pred = j.succ, j.pred
    return sorted((n for n in j.tps if not succ[n] and not pred[n]),
                  key=lambda n: (j.place(n), n))


def isolated_findings(j: Journey, cards: list[str]) -> list[Draft]:
    return [isolated_draft(j, t) for t in cards]


def isolated_draft(j: Journey, t: str) -> Draft:
    return draft(
        "gap-isolated", Severity.WARNING, f"Not connected: {j.tp(t).title}",
        f"{j.card(t)} in {j.lane_name(j.tp(t).lane_id)} has no flow in or out, while the rest of "
        "the journey is connected.",
        "Draw where the customer comes from and goes to at this card, or remove it if it no "
        "longer happens.",
        key=(t,), order=j.place(t), touchpoint_ids=(t,), lane_ids=(j.tp(t).lane_id,),
        stage_ids=(j.tp(t).stage_id,))


def starts(j: Journey) -> list[str]:
    tps = j.tps
    flagged = sorted(t.id for t in tps.values() if t.is_start)
    if flagged:
        return flagged
    for s in j.doc.stages:
        cards = sorted(j.by_stage[s.id])
        if cards:
            return [c for c in cards if not j.pred[c]] or cards
    return []


def reachable_from(j: Journey, sources: list[str]) -> set[str]:
    succ = j.succ
    seen = set(sources)
    stack = list(sources)
    while stack:
        for y in succ[stack.pop()]:
            if y not in seen:
                seen.add(y)
                stack.append(y)
    return seen


def unreachable(j: Journey, lonely: list[str]) -> list[Draft]:
    """One finding per *root* of the unreachable part of the map: a card no flow leads to (and
    not a start) or, for a loop that nothing enters, its first card in map order. Roots are taken
    in map order; each also names the unreachable cards that follow from it and that no earlier
    root already named (so every unreachable card is marked exactly once)."""
    return drain(unreachable_steps(j, lonely))


def unreachable_steps(j: Journey, lonely: list[str]) -> Generator[None, None, list[Draft]]:
    """:func:`unreachable` in steps (of :data:`CHUNK` roots in the last part)."""
    if j.n_flows == 0:
        return []
    first = starts(j)
    seen = reachable_from(j, first)
    yield
    names = start_names(j, first)
    out = []
    for i, (root, behind) in enumerate(unreachable_roots(j, seen, lonely)):
        if i % CHUNK == CHUNK - 1:
            yield
        out.append(unreachable_draft(j, names, root, behind))
    return out


def start_names(j: Journey, first: list[str]) -> str:
    return ", ".join(j.card(t) for t in first[:3]) + (" …" if len(first) > 3 else "")


def unreachable_roots(j: Journey, seen: set[str], lonely: list[str] | set[str]
                      ) -> list[tuple[str, list[str]]]:
    """Each root in the order reported, with the unreachable cards it names."""
    skip = lonely if isinstance(lonely, set) else set(lonely)
    left = sorted((n for n in j.tps if n not in seen and n not in skip),
                  key=lambda n: (j.place(n), n))
    rest = set(left)
    out = []
    for root in [n for n in left if not j.pred[n]] + left:
        if root in rest:
            out.append((root, _claim(j, root, rest)))
    return out


def unreachable_draft(j: Journey, names: str, root: str, behind: list[str]) -> Draft:
    tp = j.tp(root)
    why = ("no flow leads to it and it is not marked as a start" if not j.pred[root]
           else "it sits in a loop that no flow from the start enters")
    more = f" {len(behind)} more unreachable card(s) follow from it." if behind else ""
    cards = (root, *behind)
    return draft(
        "gap-unreachable", Severity.WARNING, f"Cannot be reached: {tp.title}",
        f"{j.card(root)} cannot be reached from the start of the journey ({names}): {why}."
        + more,
        "Draw the flow that brings the customer here, or mark this card as a start if the "
        "journey can begin here.",
        key=(root,), order=j.place(root), touchpoint_ids=cards,
        lane_ids=uniq(j.tps[t].lane_id for t in cards),
        stage_ids=uniq(j.tps[t].stage_id for t in cards))


def _claim(j: Journey, root: str, rest: set[str]) -> list[str]:
    """Remove ``root`` and the cards of ``rest`` it leads to from ``rest``; return the latter."""
    return sorted(claim_from(j.succ, root, rest), key=lambda n: (j.place(n), n))


def claim_from(succ: dict[str, dict[str, str]], root: str, rest: set[str]) -> list[str]:
    """Remove ``root`` and the cards of ``rest`` it leads to from ``rest``; return the latter
    in the order they were reached."""
    rest.discard(root)
    stack, got = [root], []
    while stack:
        for y in succ[stack.pop()]:
            if y in rest:
                rest.discard(y)
                got.append(y)
                stack.append(y)
    return got


def last_stage(j: Journey) -> int:
    """The index of the last stage that has cards (-1 if none)."""
    return max((j.stage_index[t.stage_id] for t in j.tps.values()), default=-1)


def dead_ends(j: Journey, lonely: list[str]) -> list[Draft]:
    if j.n_flows == 0:
        return []
    last = last_stage(j)
    skip = set(lonely)
    return [d for t in j.tps.values() if (d := dead_end_draft(j, t, last, skip)) is not None]


def dead_end_draft(j: Journey, t: TouchPoint, last: int, skip: set[str]) -> Draft | None:
    if j.succ[t.id] or t.id in skip or t.is_end or j.stage_index[t.stage_id] >= last:
        return None
    return draft(
        "gap-dead-end", Severity.WARNING, f"Dead end: {t.title}",
        f"The journey stops at {j.card(t.id)} in {j.stage_name(t.stage_id)}, before the "
        "last stage: nothing happens next.",
        "Draw what happens after this card, or mark it as an end if the journey can rightly "
        "stop here.",
        key=(t.id,), order=j.place(t.id), touchpoint_ids=(t.id,), lane_ids=(t.lane_id,),
        stage_ids=(t.stage_id,))


def owned_lanes(j: Journey) -> set[str]:
    return {ln.id for ln in j.doc.lanes if ln.owner.strip() or j.layer[ln.id] is Layer.CUSTOMER}


def no_owner(j: Journey) -> list[Draft]:
    owned = owned_lanes(j)
    return [d for t in j.tps.values() if (d := no_owner_draft(j, t, owned)) is not None]


def no_owner_draft(j: Journey, t: TouchPoint, owned: set[str]) -> Draft | None:
    if t.lane_id in owned or t.owner.strip():
        return None
    lane = j.doc.lane(t.lane_id)
    return draft(
        "gap-no-owner", Severity.INFO, f"No owner: {t.title}",
        f"Nobody is accountable for {j.card(t.id)}: neither the card nor the {lane.name} lane "
        "has an owner.",
        f"Name the person who answers for {j.card(t.id)}, or an owner for the {lane.name} "
        "lane.",
        key=(t.id,), order=j.place(t.id), touchpoint_ids=(t.id,), lane_ids=(lane.id,),
        stage_ids=(t.stage_id,))


def pain_without_action(j: Journey) -> list[Draft]:
    return [d for p in j.doc.pain_points.values() if (d := pain_draft(j, p)) is not None]


def pain_draft(j: Journey, p: PainPoint) -> Draft | None:
    doc = j.doc
    if any(a.status is not Status.DROPPED for a in doc.actions_for_pain_point(p.id)):
        return None
    t = doc.touchpoints[p.touchpoint_id]
    votes = f", {p.votes} vote{'s' if p.votes != 1 else ''}" if p.votes else ""
    return draft(
        "gap-pain-no-action", Severity.WARNING if p.severity >= 4 else Severity.INFO,
        f"Pain point without action: {p.text[:60]}",
        f"The pain point \"{p.text}\" at {j.card(t.id)} (severity {p.severity}{votes}) has "
        "no action in the backlog yet.",
        "Add an action to the backlog that removes this pain point"
        + ("." if j.layer[t.lane_id] is Layer.CUSTOMER
           else f", owned by {j.lane_name(t.lane_id)}."),
        key=(p.id,), order=(*j.place(t.id), -p.severity), touchpoint_ids=(t.id,),
        lane_ids=(t.lane_id,), stage_ids=(t.stage_id,), pain_point_ids=(p.id,))


def has_back_flow(j: Journey) -> bool:
    tps, si = j.tps, j.stage_index
    return any(si[tps[t].stage_id] < si[tps[s].stage_id] for s, ts in j.succ.items() for t in ts)


def no_review(j: Journey) -> list[Draft]:
    tps = j.tps
    if not tps or has_back_flow(j) or any(j.is_review(t) for t in tps):
        return []
    return [no_review_draft()]


def no_review_draft() -> Draft:
    return draft(
        "gap-no-review", Severity.WARNING, "No review or feedback loop",
        "Nothing in this journey looks back: no flow returns to an earlier stage and no card is "
        "tagged as a review or feedback step, so nobody learns how it went for the customer.",
        "Add a review or feedback touch-point (a check-in call, a feedback form) and tag it "
        "'review'.",
        key=())
