"""Bottlenecks: the lanes most work passes through, and the cards most paths pass through.

Betweenness is the only expensive step (O(n*m) exact), so it is never part of the live refresh:
:func:`betweenness` is called on demand (``analyze(..., include_betweenness=True)`` or by the UI in
a worker process). Exact up to ``betweenness_exact_max`` cards, else sampled with ``k =
betweenness_samples`` pivots and ``seed=42``, so a map always gives the same answer.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from .findings import Draft, draft
from .graph import Journey
from .results import Handoff, Severity

SEED = 42


def lane_load(handoffs: list[Handoff]) -> Counter[str]:
    """Hand-offs in plus out per lane (a customer-carried one counts for A and for B)."""
    load: Counter[str] = Counter()
    for h in handoffs:
        load[h.from_lane_id] += 1
        load[h.to_lane_id] += 1
    return load


def lane_bottlenecks(j: Journey, handoffs: list[Handoff]) -> list[Draft]:
    """Every lane with the highest load (ties all named), if that load is at least
    ``bottleneck_min_handoffs``."""
    return lane_bottlenecks_of(j, Counter((h.from_lane_id, h.to_lane_id) for h in handoffs))


def matrix_load(matrix: dict[tuple[str, str], int]) -> Counter[str]:
    """:func:`lane_load` from the lane-to-lane matrix."""
    load: Counter[str] = Counter()
    for (a, b), n in matrix.items():
        load[a] += n
        load[b] += n
    return load


def lane_bottlenecks_of(j: Journey, matrix: dict[tuple[str, str], int]) -> list[Draft]:
    """:func:`lane_bottlenecks` from the lane-to-lane matrix."""
    load = matrix_load(matrix)
    top = max(load.values(), default=0)
    if top < j.settings.bottleneck_min_handoffs:
        return []
    out = []
    busiest = sorted((ln for ln, n in load.items() if n == top), key=lambda ln: j.lane_index[ln])
    for lane_id in busiest:
        name = j.lane_name(lane_id)
        n_in = sum(n for (_, to), n in matrix.items() if to == lane_id)
        out.append(draft(
            "bottleneck-lane", Severity.WARNING, f"Bottleneck lane: {name} ({top} hand-offs)",
            f"{name} is where work changes hands most: {n_in} hand-off(s) come in and "
            f"{top - n_in} go out, more than any other lane.",
            f"Look at what {name} waits for and passes on; a named contact or a shared checklist "
            "at these hand-offs would unblock the most.",
            key=(lane_id,), order=(j.lane_index[lane_id],), lane_ids=(lane_id,)))
    return out


def betweenness(graph: Any, exact_max: int = 500, samples: int = 200) -> dict[str, float]:
    """Normalised betweenness of every card: exact on small maps, sampled (seed 42) on large."""
    import networkx as nx

    n = graph.number_of_nodes()
    if n <= exact_max or samples >= n:
        return dict(nx.betweenness_centrality(graph))
    return dict(nx.betweenness_centrality(graph, k=samples, seed=SEED))


def touchpoint_bottlenecks(j: Journey, scores: dict[str, float]) -> list[Draft]:
    """The ``bottleneck_top`` cards by betweenness, plus any tied with the last one; zeros never."""
    ranked = sorted(((v, t) for t, v in scores.items() if v > 0 and t in j.tps),
                    key=lambda vt: (-vt[0], j.place(vt[1]), vt[1]))
    top = j.settings.bottleneck_top
    if top <= 0 or not ranked:
        return []
    cut = ranked[min(top, len(ranked)) - 1][0]
    out = []
    for v, t in ranked:
        if v < cut - 1e-12:  # float noise must not split a tie
            break
        tp = j.tp(t)
        out.append(draft(
            "bottleneck-touchpoint", Severity.INFO, f"Bottleneck card: {tp.title}",
            f"Many routes through the journey pass {j.card(t)} in "
            f"{j.lane_name(tp.lane_id)} (betweenness {v:.2f}): if it stalls, much of the "
            "journey stalls with it.",
            f"Make sure {j.card(t)} has cover and a clear owner, and watch its waiting times.",
            key=(t,), order=j.place(t), touchpoint_ids=(t,), lane_ids=(tp.lane_id,),
            stage_ids=(tp.stage_id,)))
    return out
