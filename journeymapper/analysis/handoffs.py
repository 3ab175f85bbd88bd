"""Hand-offs between silos, the lane-to-lane matrix, ping-pong and loops (DESIGN.md §5).

- A **hand-off** is a flow between two different lanes, neither of them a customer lane:
  ``backstage`` when both lanes sit behind the line of visibility (backstage or support), else
  ``visible``.
- A **customer-carried** hand-off is a path A -> C -> B over two flows where C is a customer-lane
  card and A, B are cards in two *different* non-customer lanes: the customer carries the work.
- The **matrix** and the **per-stage counts** include every kind; a hand-off belongs to the stage
  of the card that receives the work.
- A **ping-pong** is work going from lane A to lane B and back to A (both non-customer): by
  default one card in B between two cards in A; with ``ping_pong_max_run`` > 1 also a run of
  that many cards inside B. A return to the very same card is a loop and reported as one. Its
  id comes from the two hand-off flows; should those two flows form bounces both ways (possible
  with longer runs), the one starting first in map order is kept.
- A **loop** is any cycle of at most ``cycle_max_length`` cards (``nx.simple_cycles`` with a
  length bound; at most ``cycle_max_count`` are listed). A loop through a card tagged as a
  review/feedback card reads as a deliberate feedback loop (info); otherwise it is rework.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Generator
from itertools import pairwise
from typing import Any

from journeymapper.model import Layer

from .findings import CHUNK, Draft, draft, drain, uniq
from .graph import BEHIND, Journey
from .results import Handoff, HandoffKind, Severity
from .settings import Settings

CUSTOMER = Layer.CUSTOMER
CARRIED, VISIBLE, BACKSTAGE = (HandoffKind.CUSTOMER_CARRIED, HandoffKind.VISIBLE,
                               HandoffKind.BACKSTAGE)


def find_handoffs(j: Journey) -> list[Handoff]:
    return drain(handoff_steps(j))


def handoff_steps(j: Journey) -> Generator[None, None, list[Handoff]]:
    """:func:`find_handoffs` in steps of :data:`CHUNK` cards."""
    out: list[Handoff] = []
    for i, s in enumerate(j.succ):
        if i % CHUNK == CHUNK - 1:
            yield
        out += source_handoffs(j, s)
    place = j.place_of
    out.sort(key=lambda h: handoff_key(place, h))
    return out


def source_handoffs(j: Journey, s: str) -> list[Handoff]:
    """The hand-offs whose *source* is card ``s`` (see :func:`handoff_source`), unsorted. They
    read ``s``, its flows and the lane, layer and stage of its neighbours only."""
    tps, layer = j.tps, j.layer
    targets = j.succ[s]
    out: list[Handoff] = []
    ls = tps[s].lane_id
    la = layer[ls]
    if la is CUSTOMER:
        preds = [p for p in j.pred[s] if layer[tps[p].lane_id] is not CUSTOMER]
        if not preds:
            return out
        for t in targets:
            lt = tps[t].lane_id
            if layer[lt] is CUSTOMER:
                continue
            for p in preds:  # customer-carried: p -> s (customer) -> t
                lp = tps[p].lane_id
                if lp != lt:
                    out.append(Handoff(CARRIED, lp, lt,
                                       tps[t].stage_id, (p, s, t),
                                       (j.pred[s][p], targets[t])))
        return out
    for t, fid in targets.items():
        lt = tps[t].lane_id
        lb = layer[lt]
        if lt == ls or lb is CUSTOMER:
            continue
        kind = BACKSTAGE if la in BEHIND and lb in BEHIND else VISIBLE
        out.append(Handoff(kind, ls, lt, tps[t].stage_id, (s, t), (fid,)))
    return out


def handoff_source(h: Handoff) -> str:
    """The card a hand-off is found from: the sender, or the customer card that carries it."""
    return h.touchpoint_ids[1] if h.kind is CARRIED else h.touchpoint_ids[0]


def handoff_key(place: dict[str, tuple[int, int]], h: Handoff
                ) -> tuple[tuple[int, int], tuple[int, int], tuple[str, ...]]:
    """The order of the hand-off list: receiving card, sending card (map order), flows. Unique:
    no two hand-offs have the same flows."""
    return place[h.touchpoint_ids[-1]], place[h.touchpoint_ids[0]], h.flow_ids


def lane_pair(j: Journey, h: Handoff) -> tuple[str, str]:
    """The two lanes of a (not customer-carried) hand-off in lane order."""
    a, b = h.from_lane_id, h.to_lane_id
    return (b, a) if j.lane_index[b] < j.lane_index[a] else (a, b)


def matrix_of(handoffs: list[Handoff]) -> dict[tuple[str, str], int]:
    return dict(Counter((h.from_lane_id, h.to_lane_id) for h in handoffs))


def per_stage_of(j: Journey, handoffs: list[Handoff]) -> dict[str, int]:
    counts = Counter(h.stage_id for h in handoffs)
    return {s.id: counts.get(s.id, 0) for s in j.doc.stages}


def _who(name: str) -> str:
    """'Patient' -> 'the patient'; a multi-word name is kept as written."""
    return f"the {name.lower()}" if " " not in name.strip() else name


def handoff_findings(j: Journey, handoffs: list[Handoff]) -> list[Draft]:
    """One ``handoff`` finding per pair of lanes that hand work to each other (either way), and
    one ``customer-carried`` finding per path the customer carries."""
    return drain(handoff_finding_steps(j, handoffs))


def handoff_finding_steps(j: Journey, handoffs: list[Handoff]
                          ) -> Generator[None, None, list[Draft]]:
    """:func:`handoff_findings` in steps of :data:`CHUNK` hand-offs."""
    pairs: dict[tuple[str, str], list[Handoff]] = {}
    out: list[Draft] = []
    for i, h in enumerate(handoffs):
        if i % CHUNK == CHUNK - 1:
            yield
        if h.kind is CARRIED:
            out.append(carried_draft(j, h))
        else:
            pairs.setdefault(lane_pair(j, h), []).append(h)
    n = 0
    for (a, b), hs in pairs.items():
        n += len(hs)
        if n >= CHUNK:
            n = 0
            yield
        out.append(pair_draft(j, a, b, hs))
    return out


def carried_draft(j: Journey, h: Handoff) -> Draft:
    a, b = j.lane_name(h.from_lane_id), j.lane_name(h.to_lane_id)
    first, mid, last = h.touchpoint_ids
    who = _who(j.lane_name(j.tps[mid].lane_id))
    return draft(
        "customer-carried", Severity.CRITICAL, f"Customer carries the work: {a} → {b}",
        f"{who[0].upper()}{who[1:]} carries the work from {a} to {b}: between {j.card(first)} "
        f"and {j.card(last)} it is {who} who has to act ({j.card(mid)}).",
        f"Let {a} pass the request to {b} directly, so that {who} is not the messenger "
        "between departments.",
        key=h.flow_ids, order=j.place(last), touchpoint_ids=h.touchpoint_ids,
        lane_ids=(h.from_lane_id, h.to_lane_id), stage_ids=(h.stage_id,), flow_ids=h.flow_ids)


def pair_draft(j: Journey, a: str, b: str, hs: list[Handoff]) -> Draft:
    na, nb = j.lane_name(a), j.lane_name(b)
    visible = sum(1 for h in hs if h.kind is VISIBLE)
    steps = [f"{j.card(h.touchpoint_ids[0])} → {j.card(h.touchpoint_ids[1])}" for h in hs[:3]]
    where = ", ".join(steps) + (f" and {len(hs) - 3} more" if len(hs) > 3 else "")
    if len(hs) == 1:
        h = hs[0]
        src, dst = j.lane_name(h.from_lane_id), j.lane_name(h.to_lane_id)
        seen = "In view of the customer" if visible else "Behind the scenes"
        msg = f"{seen}, the work passes from {src} to {dst} at {where}."
    else:
        ab = sum(1 for h in hs if h.from_lane_id == a)
        ways = (f"{ab} from {na} to {nb}, {len(hs) - ab} the other way" if 0 < ab < len(hs)
                else f"all from {na} to {nb}" if ab else f"all from {nb} to {na}")
        seen = ("all behind the scenes" if not visible else "all in view of the customer"
                if visible == len(hs) else f"{visible} of them in view of the customer")
        msg = (f"Work changes hands between {na} and {nb} {len(hs)} times ({ways}), {seen}: "
               f"{where}.")
    if visible:
        tip = (f"Agree what each of {na} and {nb} needs from the other, so the customer never "
               "has to repeat themselves, and who owns the customer across the hand-off.")
    else:
        tip = f"Check that nothing waits or gets lost between {na} and {nb} at these steps."
    return draft(
        "handoff", Severity.WARNING if visible else Severity.INFO,
        f"{'Visible' if visible else 'Backstage'} hand-offs: {na} ↔ {nb} ({len(hs)})",
        msg, tip, key=(a, b), order=j.place(hs[0].touchpoint_ids[-1]),
        touchpoint_ids=uniq(t for h in hs for t in h.touchpoint_ids), lane_ids=(a, b),
        stage_ids=sorted({h.stage_id for h in hs}, key=lambda s: j.stage_index[s]),
        flow_ids=[f for h in hs for f in h.flow_ids])


def ping_pong_findings(j: Journey) -> list[Draft]:
    return drain(ping_pong_steps(j))


def ping_pong_steps(j: Journey) -> Generator[None, None, list[Draft]]:
    """:func:`ping_pong_findings` in steps of :data:`CHUNK` cards."""
    tps, layer, succ = j.tps, j.layer, j.succ
    limit = j.settings.ping_pong_max_run
    place = j.place_of
    found: dict[tuple[str, ...], list[str]] = {}
    for i, (p, targets) in enumerate(succ.items()):
        if i % CHUNK == CHUNK - 1:
            yield
        lane_a = tps[p].lane_id
        if layer[lane_a] is CUSTOMER:
            continue
        for m, first_flow in targets.items():
            lane_b = tps[m].lane_id
            if lane_a == lane_b or layer[lane_b] is CUSTOMER:
                continue
            if limit == 1:  # the default: A -> B -> A, the path is fixed by its two flows
                for y, back_flow in succ[m].items():
                    if y != p and tps[y].lane_id == lane_a:
                        pair = tuple(sorted((first_flow, back_flow)))
                        if pair not in found:
                            found[pair] = [p, m, y]
                continue
            parent: dict[str, str | None] = {m: None}
            frontier, depth = [m], 1
            while frontier:  # breadth-first inside lane B: the shortest bounce is found first
                nxt: list[str] = []
                for x in frontier:
                    for y in sorted(succ[x]):  # sorted: the same path whatever the edit history
                        ly = tps[y].lane_id
                        if ly == lane_a and y != p:
                            key = tuple(sorted((first_flow, succ[x][y])))
                            chain = [x]
                            while (up := parent[chain[-1]]) is not None:
                                chain.append(up)
                            path = [p, *reversed(chain), y]
                            old = found.get(key)
                            if old is None or ((place[p], len(path), path)
                                               < (place[old[0]], len(old), old)):
                                found[key] = path
                        elif ly == lane_b and y not in parent and depth < limit:
                            parent[y] = x
                            nxt.append(y)
                frontier, depth = nxt, depth + 1
    out: list[Draft] = []
    for i, (key, path) in enumerate(found.items()):
        if i % CHUNK == CHUNK - 1:
            yield
        out.append(ping_pong_draft(j, key, path))
    return out


def bounces_at(j: Journey, m: str) -> list[tuple[tuple[str, ...], list[str]]]:
    """The ping-pongs A -> B -> A through middle card ``m`` (``ping_pong_max_run`` 1 only): the
    key (the two flows, sorted) and the path of each. Each key has one path only."""
    tps, layer, succ, pred = j.tps, j.layer, j.succ, j.pred
    lane_b = tps[m].lane_id
    out: list[tuple[tuple[str, ...], list[str]]] = []
    if layer[lane_b] is CUSTOMER:
        return out
    for p, first_flow in pred[m].items():
        lane_a = tps[p].lane_id
        if lane_a == lane_b or layer[lane_a] is CUSTOMER:
            continue
        for y, back_flow in succ[m].items():
            if y != p and tps[y].lane_id == lane_a:
                out.append((tuple(sorted((first_flow, back_flow))), [p, m, y]))
    return out


def ping_pong_draft(j: Journey, key: tuple[str, ...], path: list[str]) -> Draft:
    succ = j.succ
    a, b = j.lane_name(j.tp(path[0]).lane_id), j.lane_name(j.tp(path[1]).lane_id)
    flows = [succ[u][v] for u, v in pairwise(path)]
    return draft(
        "ping-pong", Severity.WARNING, f"Ping-pong: {a} → {b} → {a}",
        f"The work bounces from {a} to {b} and back to {a}: "
        + " → ".join(j.card(t) for t in path) + ".",
        f"Find out why {b} sends the work back to {a} and settle it at the first pass, or "
        "let one lane own this step from end to end.",
        key=key, order=j.place(path[0]), touchpoint_ids=path,
        lane_ids=(j.tp(path[0]).lane_id, j.tp(path[1]).lane_id),
        stage_ids=uniq(j.tp(t).stage_id for t in path), flow_ids=flows)


def find_cycles(j: Journey) -> tuple[list[list[str]], bool]:
    """Loops of at most ``cycle_max_length`` cards as NetworkX lists them, and whether the list
    was cut at ``cycle_max_count``. A function of the topology alone (the graph is built in id
    order), so a cache may keep it while only positions change."""
    return drain(find_cycles_steps(j.graph, j.settings))


def find_cycles_steps(graph: Any, settings: Settings
                      ) -> Generator[None, None, tuple[list[list[str]], bool]]:
    """:func:`find_cycles` in slices (the search pauses every few ms of work)."""
    from .cycles import simple_cycles

    cap = settings.cycle_max_count
    found: list[list[str]] = []
    for c in simple_cycles(graph, settings.cycle_max_length):
        if c is None:
            yield
            continue
        found.append(c)
        if len(found) > cap:
            break
    return found[:cap], len(found) > cap


def arrange_cycles(j: Journey, found: list[list[str]]) -> list[list[str]]:
    """Each loop starting at its first card in map order; loops in map order."""
    cycles = []
    for c in found:
        i = min(range(len(c)), key=lambda k: (j.place(c[k]), c[k]))
        cycles.append(c[i:] + c[:i])
    cycles.sort(key=lambda c: ([j.place(t) for t in c], c))
    return cycles


def cycle_findings(j: Journey, cycles: list[list[str]]) -> list[Draft]:
    out: list[Draft] = []
    for c in cycles:
        flows = [j.succ[u][v] for u, v in zip(c, [*c[1:], c[0]], strict=True)]
        lanes = list(dict.fromkeys(j.tp(t).lane_id for t in c))
        names = ", ".join(j.lane_name(ln) for ln in lanes)
        route = " → ".join(j.card(t) for t in c) + f" → back to {j.card(c[0])}"
        if any(j.is_review(t) for t in c):
            sev, title = Severity.INFO, "Feedback loop"
            msg = f"The journey comes round again through a review: {route} ({names})."
            tip = "Keep this loop, and check that someone acts on what comes back through it."
        else:
            sev, title = Severity.WARNING, f"Rework loop over {len(c)} cards"
            msg = f"The work goes round in a loop: {route} ({names})."
            tip = ("Find out why the work has to go round again and fix it at the first pass, "
                   "or tag the card as a review if the loop is meant.")
        out.append(draft("cycle", sev, title, msg, tip, key=flows, order=j.place(c[0]),
                         touchpoint_ids=c, lane_ids=lanes,
                         stage_ids=uniq(j.tp(t).stage_id for t in c), flow_ids=flows))
    return out
