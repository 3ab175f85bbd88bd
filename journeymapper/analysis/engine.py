"""Run every analysis step on a Document and gather the result (imports NetworkX)."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from journeymapper.model import Document

from . import gaps
from .bottlenecks import betweenness, lane_bottlenecks, lane_load, touchpoint_bottlenecks
from .findings import Draft, drain, finish
from .graph import Journey
from .handoffs import (
    arrange_cycles,
    cycle_findings,
    find_cycles,
    handoff_finding_steps,
    handoff_steps,
    matrix_of,
    per_stage_of,
    ping_pong_steps,
)
from .results import Analysis, Finding, Handoff, HandoffKind, Severity
from .scores import ScoreSummary, channel_inconsistency, journey_score, weak_links
from .settings import Settings

Loops = tuple[list[list[str]], bool]  # the loops found, and whether the list was cut


def analyze(doc: Document, settings: Settings | None = None, *,
            include_betweenness: bool = False, graph: Any = None,
            loops: Loops | None = None) -> Analysis:
    """Everything in DESIGN.md §5. Betweenness (the only slow step) only when asked for.

    ``graph`` and ``loops`` let a cache (:class:`~journeymapper.analysis.live.LiveAnalysis`)
    pass the NetworkX graph and the loop search of an unchanged topology back in."""
    return drain(analysis_steps(doc, settings, include_betweenness=include_betweenness,
                                    graph=graph, loops=loops))


def analysis_steps(doc: Document, settings: Settings | None = None, *,
                   include_betweenness: bool = False, graph: Any = None,
                   loops: Loops | None = None) -> Generator[None, None, Analysis]:
    """:func:`analyze` in slices: each ``next()`` does one step (a few ms at 2,000 cards) so a
    caller can spread the work over GUI frames; the generator returns the Analysis."""
    s = settings if settings is not None else Settings.from_document(doc)
    j = Journey.of(doc, s, graph)
    yield
    if loops is None:
        j.graph  # noqa: B018 (build it in a slice of its own)
        yield
        loops = find_cycles(j)
        yield
    cycles, cut = arrange_cycles(j, loops[0]), loops[1]
    handoffs = yield from handoff_steps(j)
    yield
    drafts: list[Draft] = yield from handoff_finding_steps(j, handoffs)
    yield
    drafts += yield from ping_pong_steps(j)
    drafts += cycle_findings(j, cycles)
    yield
    lonely = gaps.isolated(j)
    drafts += yield from gaps.unreachable_steps(j, lonely)
    yield
    drafts += [
        *gaps.empty_stages(j), *gaps.no_customer_contact(j), *gaps.isolated_findings(j, lonely),
        *gaps.dead_ends(j, lonely), *gaps.no_owner(j), *gaps.pain_without_action(j),
    ]
    yield
    drafts += [*gaps.no_review(j), *channel_inconsistency(j)]
    score = journey_score(j)
    drafts += weak_links(j, score)
    yield
    drafts += lane_bottlenecks(j, handoffs)
    between: dict[str, float] = {}
    if include_betweenness:
        between = betweenness(j.graph, s.betweenness_exact_max, s.betweenness_samples)
        drafts += touchpoint_bottlenecks(j, between)
    yield
    findings = finish(drafts, doc.dismissed)
    yield
    result = Analysis(doc.revision, handoffs, matrix_of(handoffs), per_stage_of(j, handoffs),
                      findings, {}, between)
    yield
    result.summary = _summary(j, result, score, len(cycles), cut, include_betweenness)
    return result


def betweenness_findings(doc: Document, settings: Settings | None = None) -> list[Finding]:
    """The ``bottleneck-touchpoint`` findings alone, for on-demand use (slow on big maps)."""
    s = settings if settings is not None else Settings.from_document(doc)
    j = Journey.of(doc, s)
    scores = betweenness(j.graph, s.betweenness_exact_max, s.betweenness_samples)
    return finish(touchpoint_bottlenecks(j, scores), doc.dismissed)


def _summary(j: Journey, a: Analysis, score: ScoreSummary, n_cycles: int, cut: bool,
             with_betweenness: bool) -> dict[str, object]:
    """JSON-serialisable totals. Counts by kind and severity are over findings not dismissed."""
    doc = j.doc
    open_ = [f for f in a.findings if not f.dismissed]
    by_kind: dict[str, int] = {}
    for f in open_:
        by_kind[f.kind] = by_kind.get(f.kind, 0) + 1
    by_sev = {sev.value: sum(1 for f in open_ if f.severity is sev) for sev in Severity}
    hand = {k.value: sum(1 for h in a.handoffs if h.kind is k) for k in HandoffKind}
    hand["total"] = len(a.handoffs)
    weakest: dict[str, Any] | None = None
    if score.weakest_id is not None:
        t = doc.touchpoints[score.weakest_id]
        weakest = {"id": t.id, "title": t.title, "score": t.score,
                   "lane": j.lane_name(t.lane_id), "stage": j.stage_name(t.stage_id)}
    return {
        "workshop": doc.info.title,
        "counts": doc.counts(),
        "findings": len(open_),
        "dismissed": len(a.findings) - len(open_),
        "by_kind": dict(sorted(by_kind.items())),
        "by_severity": by_sev,
        "handoffs": hand,
        "busiest_lane": _busiest(j, a.handoffs),
        "scored_touchpoints": score.scored,
        "mean_score": _r(score.mean),
        "likely_score": _r(score.likely),
        "journey_zone": score.zone.value if score.zone else None,
        "weakest_touchpoint": weakest,
        "loops": n_cycles,
        "loops_truncated": cut,
        "betweenness": _mode(j) if with_betweenness else "not computed",
    }


def _busiest(j: Journey, handoffs: list[Handoff]) -> dict[str, Any] | None:
    load = lane_load(handoffs)
    if not load:
        return None
    lane_id = min(load, key=lambda ln: (-load[ln], j.lane_index[ln]))
    return {"id": lane_id, "name": j.lane_name(lane_id), "handoffs": load[lane_id]}


def _mode(j: Journey) -> str:
    n, s = len(j.tps), j.settings
    return "exact" if n <= s.betweenness_exact_max or s.betweenness_samples >= n else "sampled"


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 2)
