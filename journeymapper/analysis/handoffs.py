"""Hand-offs between silos, the lane-to-lane matrix, ping-pong and loops (DESIGN.md §5).

- A **hand-off** is a flow between two different lanes, neither of them a customer lane:
  ``backstage`` when both lanes sit behind the line of visibility (backstage or support), else
  ``visible``.
- A **customer-carried** hand-off is a path A -> C -> B over two flows where C is a customer-lane
  card and A, B are cards in two *different* non-customer lanes: the customer carries the work.
- The **matrix** and the **per-stage counts** include every kind; a hand-off belongs to the stage
  of the card that receives the work.
- A **ping-pong** is work going from lane A to lane B and back to A (both non-customer), possibly
  through a run of up to ``cycle_max_length`` cards inside B; a direct return to the very same
  card is a loop and reported as one instead.
- A **loop** is any cycle of at most ``cycle_max_length`` cards (``nx.simple_cycles`` with a
  length bound; at most ``cycle_max_count`` are listed). A loop through a card tagged as a
  review/feedback card reads as a deliberate feedback loop (info); otherwise it is rework.
"""

from __future__ import annotations

from collections import Counter
from itertools import islice, pairwise

from journeymapper.model import Layer

from .findings import Draft, draft
from .graph import BEHIND, Journey
from .results import Handoff, HandoffKind, Severity

CUSTOMER = Layer.CUSTOMER


def find_handoffs(j: Journey) -> list[Handoff]:
    g = j.graph
    nodes = g.nodes
    out: list[Handoff] = []
    for s, t, fid in g.edges(data="flow"):
        ns, nt = nodes[s], nodes[t]
        if ns["lane"] == nt["lane"] or ns["layer"] is CUSTOMER or nt["layer"] is CUSTOMER:
            continue
        kind = (HandoffKind.BACKSTAGE if ns["layer"] in BEHIND and nt["layer"] in BEHIND
                else HandoffKind.VISIBLE)
        out.append(Handoff(kind, ns["lane"], nt["lane"], nt["stage"], (s, t), (fid,)))
    for c, attrs in nodes(data=True):
        if attrs["layer"] is not CUSTOMER:
            continue
        preds = [p for p in g.pred[c] if nodes[p]["layer"] is not CUSTOMER]
        succs = [s for s in g.succ[c] if nodes[s]["layer"] is not CUSTOMER] if preds else []
        for p in preds:
            for s in succs:
                if nodes[p]["lane"] != nodes[s]["lane"]:
                    out.append(Handoff(HandoffKind.CUSTOMER_CARRIED, nodes[p]["lane"],
                                       nodes[s]["lane"], nodes[s]["stage"], (p, c, s),
                                       (g[p][c]["flow"], g[c][s]["flow"])))
    out.sort(key=lambda h: (j.place(h.touchpoint_ids[-1]), j.place(h.touchpoint_ids[0]),
                            h.flow_ids))
    return out


def matrix_of(handoffs: list[Handoff]) -> dict[tuple[str, str], int]:
    return dict(Counter((h.from_lane_id, h.to_lane_id) for h in handoffs))


def per_stage_of(j: Journey, handoffs: list[Handoff]) -> dict[str, int]:
    counts = Counter(h.stage_id for h in handoffs)
    return {s.id: counts.get(s.id, 0) for s in j.doc.stages}


def _who(name: str) -> str:
    """'Patient' -> 'the patient'; a multi-word name is kept as written."""
    return f"the {name.lower()}" if " " not in name.strip() else name


def handoff_findings(j: Journey, handoffs: list[Handoff]) -> list[Draft]:
    out: list[Draft] = []
    for h in handoffs:
        a, b = j.lane_name(h.from_lane_id), j.lane_name(h.to_lane_id)
        first, last = j.card(h.touchpoint_ids[0]), j.card(h.touchpoint_ids[-1])
        if h.kind is HandoffKind.CUSTOMER_CARRIED:
            mid = h.touchpoint_ids[1]
            who = _who(j.lane_name(j.tp(mid).lane_id))
            kind, sev = "customer-carried", Severity.CRITICAL
            title = f"Customer carries the work: {a} → {b}"
            msg = (f"{who[0].upper()}{who[1:]} carries the work from {a} to {b}: after {first} "
                   f"they have to {j.card(mid)} themselves before {b} takes over at {last}.")
            tip = (f"Let {a} pass the request to {b} directly, so that {who} is not the "
                   "messenger between departments.")
        elif h.kind is HandoffKind.VISIBLE:
            kind, sev, title = "handoff", Severity.WARNING, f"Visible hand-off: {a} → {b}"
            msg = (f"In view of the customer, the work passes from {a} to {b} between {first} "
                   f"and {last}.")
            tip = (f"Agree what {b} needs from {a} here, so the customer never has to repeat "
                   "themselves, and who owns the customer across the hand-off.")
        else:
            kind, sev, title = "handoff", Severity.INFO, f"Backstage hand-off: {a} → {b}"
            msg = (f"Behind the scenes, the work passes from {a} to {b} between {first} and "
                   f"{last}.")
            tip = f"Check that nothing waits or gets lost between {a} and {b} at this step."
        out.append(draft(kind, sev, title, msg, tip, key=h.flow_ids,
                         order=j.place(h.touchpoint_ids[-1]), touchpoint_ids=h.touchpoint_ids,
                         lane_ids=(h.from_lane_id, h.to_lane_id), stage_ids=(h.stage_id,),
                         flow_ids=h.flow_ids))
    return out


def ping_pong_findings(j: Journey) -> list[Draft]:
    g = j.graph
    nodes = g.nodes
    limit = j.settings.cycle_max_length
    found: dict[tuple[str, str], list[str]] = {}
    for p, m in g.edges():
        lane_a, lane_b = nodes[p]["lane"], nodes[m]["lane"]
        if lane_a == lane_b or CUSTOMER in (nodes[p]["layer"], nodes[m]["layer"]):
            continue
        parent: dict[str, str | None] = {m: None}
        frontier, depth = [m], 1
        while frontier:  # breadth-first inside lane B: the shortest bounce is found first
            nxt: list[str] = []
            for x in frontier:
                for y in g.succ[x]:
                    ly = nodes[y]["lane"]
                    if ly == lane_a and y != p:
                        key = (g[p][m]["flow"], g[x][y]["flow"])
                        if key not in found:
                            chain = [x]
                            while (up := parent[chain[-1]]) is not None:
                                chain.append(up)
                            found[key] = [p, *reversed(chain), y]
                    elif ly == lane_b and y not in parent and depth < limit:
                        parent[y] = x
                        nxt.append(y)
            frontier, depth = nxt, depth + 1
    out: list[Draft] = []
    for key, path in found.items():
        a, b = j.lane_name(j.tp(path[0]).lane_id), j.lane_name(j.tp(path[1]).lane_id)
        flows = [g[u][v]["flow"] for u, v in pairwise(path)]
        out.append(draft(
            "ping-pong", Severity.WARNING, f"Ping-pong: {a} → {b} → {a}",
            f"The work bounces from {a} to {b} and back to {a}: "
            + " → ".join(j.card(t) for t in path) + ".",
            f"Find out what {b} sends back and give it to {b} the first time, or let one lane "
            "own this step from end to end.",
            key=key, order=j.place(path[0]), touchpoint_ids=path,
            lane_ids=(j.tp(path[0]).lane_id, j.tp(path[1]).lane_id),
            stage_ids=[j.tp(t).stage_id for t in path], flow_ids=flows))
    return out


def find_cycles(j: Journey) -> tuple[list[list[str]], bool]:
    """Loops of at most ``cycle_max_length`` cards, each starting at its first card in map
    order; and whether the list was cut at ``cycle_max_count``."""
    import networkx as nx

    cap = j.settings.cycle_max_count
    found = list(islice(nx.simple_cycles(j.graph, length_bound=j.settings.cycle_max_length),
                        cap + 1))
    cut = len(found) > cap
    cycles = []
    for c in found[:cap]:
        i = min(range(len(c)), key=lambda k: (j.place(c[k]), c[k]))
        cycles.append(c[i:] + c[:i])
    cycles.sort(key=lambda c: ([j.place(t) for t in c], c))
    return cycles, cut


def cycle_findings(j: Journey, cycles: list[list[str]]) -> list[Draft]:
    g = j.graph
    out: list[Draft] = []
    for c in cycles:
        flows = [g[u][v]["flow"] for u, v in zip(c, [*c[1:], c[0]], strict=True)]
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
                         stage_ids=[j.tp(t).stage_id for t in c], flow_ids=flows))
    return out
