"""Analysis speed on generated maps of 500, 2,000 and 5,000 cards, beside raw NetworkX baselines.

Run: ``python benchmarks/bench_analysis.py [--wall] [--gc-freeze] [sizes...]``. Times are the CPU
time of this process (other work on a shared machine does not inflate them); ``--wall`` uses the
wall clock; ``--gc-freeze`` calls ``gc.freeze()`` once the map is loaded and analysed, as the
app's AnalysisController does (without it the collector's full passes over the map land in
random slices: the "worst" slice).
For each size it prints the median time of

- the raw NetworkX calls the analysis is built from, on the same graph: building the DiGraph,
  ``simple_cycles`` with the same length bound (and the same cap), ``descendants`` from the starts,
  ``betweenness_centrality`` (exact or sampled exactly as the analysis does);
- ``analyze(doc)`` (the live refresh: everything but betweenness), as a ratio to the sum of the
  raw graph build + cycles + reachability it contains;
- the refresh after one edit: move one card to another cell, then ``analyze`` again and, with
  :class:`LiveAnalysis`, ``refresh`` (graph and loop search reused: the topology is unchanged);
  add or remove one flow, then ``refresh`` (graph edges and loop list patched, not rebuilt);
- the same refresh run as a job a slice at a time (:meth:`LiveAnalysis.start`): the longest
  slice is how long the GUI thread is blocked if the job runs there between frames;
- ``betweenness_findings(doc)`` (on demand, off the GUI thread) as a ratio to raw betweenness;
- last (also with ``--edits-only``), the longest slice of a full-path run as a sliced job: a
  first analysis, and the refresh after adding a card.

Uses ``benchmarks/_gen.make_document`` when present, else the small generator below.
"""

from __future__ import annotations

import gc
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import networkx as nx

from journeymapper.analysis import (
    LiveAnalysis,
    Settings,
    analyze,
    betweenness_findings,
    gaps,
)
from journeymapper.analysis.graph import Journey, build_graph
from journeymapper.model import (
    Channel,
    Document,
    Flow,
    Lane,
    Layer,
    Stage,
    TouchPoint,
    edits,
)

LANES = (("Customer", Layer.CUSTOMER), ("Sales", Layer.FRONTSTAGE), ("Reception", Layer.FRONTSTAGE),
         ("Support desk", Layer.FRONTSTAGE), ("Delivery", Layer.BACKSTAGE),
         ("Billing", Layer.BACKSTAGE), ("IT", Layer.SUPPORT), ("Legal", Layer.SUPPORT))


def own_document(n_touchpoints: int, n_flows: int, seed: int = 1) -> Document:
    """Eight stages, eight lanes; flows mostly go forward a stage or stay, a few go back."""
    rnd = random.Random(seed)
    stages = [Stage(f"st{i}", f"Stage {i + 1}", float(i)) for i in range(8)]
    lanes = [Lane(f"ln{i}", name, float(i), layer) for i, (name, layer) in enumerate(LANES)]
    tps = []
    for i in range(n_touchpoints):
        s = min(7, i * 8 // n_touchpoints)
        tps.append(TouchPoint(f"tp{i}", f"st{s}", f"ln{rnd.randrange(8)}", f"Card {i}",
                              rank=float(i), channel=rnd.choice(list(Channel)),
                              score=rnd.choice([None, *range(3, 11)])))
    flows: dict[tuple[str, str], Flow] = {}
    while len(flows) < n_flows:
        a = rnd.randrange(n_touchpoints)
        back = rnd.random() < 0.03
        b = a + (-rnd.randrange(1, 40) if back else rnd.randrange(1, 60))
        if 0 <= b < n_touchpoints and a != b and (f"tp{a}", f"tp{b}") not in flows:
            flows[(f"tp{a}", f"tp{b}")] = Flow(f"fl{len(flows)}", f"tp{a}", f"tp{b}")
    doc = Document()
    doc.load([*stages, *lanes, *tps, *flows.values()])
    return doc


def make_document(n_touchpoints: int, n_flows: int, seed: int = 1) -> Document:
    try:
        from _gen import make_document as shared  # type: ignore[import-not-found]
    except ImportError:
        return own_document(n_touchpoints, n_flows, seed)
    doc: Document = shared(n_touchpoints, n_flows, seed=seed)
    return doc


CLOCK = time.process_time  # CPU time of this process: stable on a shared machine; --wall: wall
FREEZE = False  # --gc-freeze


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = CLOCK()
        fn()
        times.append((CLOCK() - t0) * 1000)
    return statistics.median(times)


def bench(n: int, repeat: int) -> None:
    doc = make_document(n, int(n * 1.45))
    s = Settings.from_document(doc)
    g = build_graph(doc)
    starts = gaps.starts(Journey.of(doc, s))  # the same starts the analysis uses

    def raw_cycles() -> object:
        return list(islice(nx.simple_cycles(g, length_bound=s.cycle_max_length),
                           s.cycle_max_count + 1))

    def raw_reach() -> object:
        seen: set[str] = set(starts)
        for v in starts:
            seen |= nx.descendants(g, v)
        return seen

    exact = n <= s.betweenness_exact_max

    def raw_between() -> object:
        if exact:
            return nx.betweenness_centrality(g)
        return nx.betweenness_centrality(g, k=s.betweenness_samples, seed=42)

    build = median_ms(lambda: build_graph(doc), repeat)
    cyc = median_ms(raw_cycles, repeat)
    reach = median_ms(raw_reach, repeat)
    raw_live = build + cyc + reach
    full = median_ms(lambda: analyze(doc), repeat)

    rnd = random.Random(7)
    ids = sorted(doc.touchpoints)
    stage_ids = [st.id for st in doc.stages]
    lane_ids = [ln.id for ln in doc.lanes]

    def move_one() -> None:
        t = doc.touchpoints[rnd.choice(ids)]
        doc.apply(edits.move_touchpoint(doc, t.id, rnd.choice(stage_ids), rnd.choice(lane_ids)))

    def flow_one() -> None:
        a, b = rnd.sample(ids, 2)
        f = doc.flow_between(a, b)
        doc.apply(edits.remove_flows(doc, [f.id]) if f else edits.add_flow(doc, a, b))

    live = LiveAnalysis()
    live.refresh(doc)
    if FREEZE:
        gc.collect()
        gc.freeze()
    refresh_full = median_ms(lambda: (move_one(), analyze(doc)), repeat)
    refresh = median_ms(lambda: (move_one(), live.refresh(doc)), repeat)
    reused = live.reused
    refresh_flow = median_ms(lambda: (flow_one(), live.refresh(doc)), repeat)
    patched = live.reused

    longest: list[float] = []
    totals: list[float] = []
    for _ in range(repeat):  # the refresh as a job run a slice at a time on the GUI thread
        move_one()
        job = live.start(doc)
        slices = []
        done = False
        while not done:
            t0 = CLOCK()
            done = job.step()
            slices.append((CLOCK() - t0) * 1000)
        longest.append(max(slices))
        totals.append(sum(slices))
    brepeat = max(1, repeat // 5)
    between_raw = median_ms(raw_between, brepeat)
    between = median_ms(lambda: betweenness_findings(doc), brepeat)
    a = analyze(doc)
    print(f"\n{n} cards, {len(doc.flows)} flows: {len(a.findings)} findings, "
          f"{len(a.handoffs)} hand-offs, {a.summary['loops']} loops "
          f"(truncated: {a.summary['loops_truncated']})")
    print(f"  raw: build graph {build:7.1f} ms | simple_cycles(len<={s.cycle_max_length}) "
          f"{cyc:7.1f} ms | descendants {reach:6.1f} ms | sum {raw_live:7.1f} ms")
    print(f"  analyze(doc), no betweenness  {full:7.1f} ms   x{full / raw_live:4.1f} raw sum")
    print(f"  move a card + analyze(doc)   {refresh_full:7.1f} ms   "
          f"x{refresh_full / raw_live:4.1f} raw sum")
    print(f"  move a card + live refresh   {refresh:7.1f} ms   x{refresh / raw_live:4.1f} raw sum"
          f"   (graph and loops reused: {reused}; target < 50 ms at 2,000 cards)")
    print(f"  add/remove a flow + refresh  {refresh_flow:7.1f} ms   "
          f"x{refresh_flow / raw_live:4.1f} raw sum   (graph and loops patched: {patched})")
    print(f"  move + sliced live refresh   {statistics.median(totals):7.1f} ms in slices of at "
          f"most {statistics.median(longest):5.1f} ms (median of the longest slice; "
          f"worst {max(longest):5.1f} ms)")
    mode = "exact" if exact else f"sampled k={s.betweenness_samples}"
    print(f"  betweenness ({mode}): raw {between_raw:7.1f} ms | betweenness_findings "
          f"{between:7.1f} ms   x{between / between_raw:4.2f}")


def edit_kinds(doc: Document, rnd: random.Random) -> dict[str, Callable[[], object]]:
    """One edit of each live kind, applied to ``doc`` when called."""
    ids = sorted(doc.touchpoints)
    stage_ids = [st.id for st in doc.stages]
    lane_ids = [ln.id for ln in doc.lanes]

    def card() -> TouchPoint:
        return doc.touchpoints[rnd.choice(ids)]

    def move_cell() -> object:
        t = card()
        return doc.apply(edits.move_touchpoint(doc, t.id, rnd.choice(stage_ids),
                                               rnd.choice(lane_ids)))

    def move_within() -> object:
        t = card()
        return doc.apply(edits.move_touchpoint(doc, t.id, t.stage_id, t.lane_id, 0))

    def retitle() -> object:
        return doc.apply(edits.update_touchpoint(doc, card().id, title=f"Card {rnd.random()}"))

    def score() -> object:
        return doc.apply(edits.update_touchpoint(doc, card().id, score=rnd.randrange(11)))

    def add_flow() -> object:
        while True:
            a, b = rnd.sample(ids, 2)
            if not doc.flow_between(a, b):
                return doc.apply(edits.add_flow(doc, a, b))

    def remove_flow() -> object:
        return doc.apply(edits.remove_flows(doc, [rnd.choice(sorted(doc.flows))]))

    def pain() -> object:
        return doc.apply(edits.add_pain_point(doc, card().id, "Too slow", 4))

    def dismiss() -> object:
        f = rnd.choice(KINDS_FINDINGS)  # from the first analysis: most still exist
        return doc.apply(edits.restore_finding(doc, f.id) if f.id in doc.dismissed
                         else edits.dismiss_finding(doc, f.id))

    return {"move to another cell": move_cell, "move within its cell": move_within,
            "retitle a card": retitle, "change a score": score, "add a flow": add_flow,
            "remove a flow": remove_flow, "add a pain point": pain, "dismiss a finding": dismiss}


KINDS_FINDINGS: list[Any] = []


def bench_edits(n: int, repeat: int) -> None:
    """Median CPU ms of ``LiveAnalysis.refresh`` right after one edit of each kind (the edit
    itself not counted), beside ``analyze`` of the same map."""
    doc = make_document(n, int(n * 1.45))
    live = LiveAnalysis()
    KINDS_FINDINGS[:] = live.refresh(doc).findings
    rnd = random.Random(3)
    clock = time.thread_time if CLOCK is time.process_time else CLOCK
    full = median_ms(lambda: analyze(doc), max(3, repeat // 4))
    print(f"\n{n} cards: live refresh after one edit, median CPU ms of {repeat} "
          f"(analyze(doc) {full:.1f} ms)")
    for name, edit in edit_kinds(doc, rnd).items():
        times, inc = [], 0
        for _ in range(repeat):
            edit()
            t0 = clock()
            live.refresh(doc)
            times.append((clock() - t0) * 1000)
            inc += getattr(live, "incremental", False)
        print(f"  {name:22} {statistics.median(times):6.2f} ms  (max {max(times):6.2f}; "
              f"incremental {inc}/{repeat})")


def bench_full_slices(n: int, repeat: int) -> None:
    """The full (not incremental) path run as a job a slice at a time, as the GUI runs it: the
    longest slice (CPU ms) of a first analysis of the map and of the refresh after adding a
    card (which the live analysis cannot update in place). Median over ``repeat`` runs of the
    longest slice of each run, and the worst. The map is frozen for the collector
    (``gc.freeze()``) once loaded, as in the app."""
    doc = make_document(n, int(n * 1.45))
    clock = time.thread_time if CLOCK is time.process_time else CLOCK
    rnd = random.Random(5)
    stage_ids = [st.id for st in doc.stages]
    lane_ids = [ln.id for ln in doc.lanes]

    full_gc: list[int] = []

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "start" and info["generation"] == 2:
            full_gc.append(1)

    def run(live: LiveAnalysis) -> tuple[float, float, int, bool]:
        job = live.start(doc)
        longest, calm, count, done = 0.0, 0.0, 0, False
        while not done:
            full_gc.clear()
            t0 = clock()
            done = job.step()
            ms = (clock() - t0) * 1000
            longest = max(longest, ms)
            if not full_gc:
                calm = max(calm, ms)
            count += 1
        return longest, calm, count, live.incremental

    LiveAnalysis().refresh(doc)  # imports done
    gc.collect()
    gc.freeze()  # as the app does once a workshop is loaded (see --gc-freeze)
    gc.callbacks.append(on_gc)
    for label in ("first analysis", "after adding a card"):
        worst: list[float] = []
        calms: list[float] = []
        slices = 0
        full = True
        live = LiveAnalysis()
        for _ in range(repeat):
            if label == "first analysis":
                live = LiveAnalysis()
            else:
                live.refresh(doc)
                doc.apply(edits.add_touchpoint(doc, rnd.choice(stage_ids), rnd.choice(lane_ids),
                                               "New card"))
            longest, calm, slices, inc = run(live)
            worst.append(longest)
            calms.append(calm)
            full = full and not inc
        gc.collect()
        print(f"  full path, {label:20} longest slice {statistics.median(worst):5.1f} ms "
              f"(worst {max(worst):5.1f}; {slices} slices; full path every time: {full}); "
              f"without the slices a full gc pass landed in: {statistics.median(calms):5.1f} ms "
              f"(worst {max(calms):5.1f})")
    gc.callbacks.remove(on_gc)


def main(argv: list[str]) -> None:
    global CLOCK, FREEZE
    if "--wall" in argv:
        CLOCK = time.perf_counter
    FREEZE = "--gc-freeze" in argv
    flags = {a for a in argv if a.startswith("--")}
    argv = [a for a in argv if not a.startswith("--")]
    sizes = [int(a) for a in argv] or [500, 2000, 5000]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    clock = "wall-clock" if CLOCK is time.perf_counter else "CPU-time (process_time)"
    print(f"Medians of {clock}; load average at start: {load} on {os.cpu_count()} cores"
          + ("; gc.freeze() after loading" if FREEZE else ""))
    if "--edits-only" not in flags:
        for n in sizes:
            bench(n, repeat=15 if n <= 2000 else 7)
            if FREEZE:
                gc.unfreeze()
    for n in sizes:
        bench_edits(n, repeat=41)
        if FREEZE:
            gc.unfreeze()
    print("\nLongest slice of a sliced full-path run (LiveAnalysis().start(doc).step() repeated; "
          "target <= 8 ms at 2,000 cards, <= 16 ms at 5,000)")
    for n in sizes:
        print(f" {n} cards")
        bench_full_slices(n, repeat=9 if n <= 2000 else 5)
        gc.unfreeze()


if __name__ == "__main__":
    main(sys.argv[1:])
