"""Export and import benchmark: the Excel workbook of a 5,000-card workshop (3,000 pain points,
2,000 actions) beside openpyxl's write-only mode writing the same rows and nothing else, in the
same run; and the import of a 10,000-row touch-point table (csv and xlsx) beside a bare read.

Run ``python benchmarks/bench_export.py [--cards N --pains P --actions A --rows R --repeat K]``.
Prints medians and ratios (ours / baseline). The export target is under 3 s.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from journeymapper.export import rows as R
from journeymapper.export.columns import (
    BACKLOG_COLUMNS,
    GAP_COLUMNS,
    HANDOFF_COLUMNS,
    PAIN_COLUMNS,
    TOUCHPOINT_COLUMNS,
)
from journeymapper.export.table_import import import_table
from journeymapper.export.xlsx import export_workbook
from journeymapper.model import Action, Document, Edit, Op, PainPoint


def make_workshop(cards: int, pains: int, actions: int) -> Document:
    """benchmarks/_gen.py's workshop (if present), topped up to the asked pain points/actions."""
    try:
        from _gen import make_document

        doc = make_document(cards, int(cards * 1.5))
    except ImportError:  # the shared generator is not in this checkout
        from journeymapper.model import Channel, Flow, Lane, Stage, TouchPoint

        doc = Document()
        ents = [Stage(f"st{i}", f"Stage {i}", i * 1024.0) for i in range(8)]
        ents += [Lane(f"ln{i}", f"Lane {i}", i * 1024.0) for i in range(10)]
        ents += [TouchPoint(f"tp{i}", f"st{i % 8}", f"ln{i % 10}", f"Card {i}", float(i),
                            channel=Channel.PHONE, score=i % 11) for i in range(cards)]
        ents += [Flow(f"fl{i}", f"tp{i}", f"tp{i + 1}") for i in range(cards - 1)]
        doc.load(ents)
    rnd = random.Random(3)
    tp_ids = sorted(doc.touchpoints)
    extra: list[Op] = []
    for i in range(max(0, pains - len(doc.pain_points))):
        extra.append(Op(None, PainPoint(f"bpp{i}", rnd.choice(tp_ids), f"Waited too long ({i})",
                                        rnd.randint(1, 5), votes=rnd.randrange(8))))
    pp_ids = sorted(doc.pain_points) + [op.entity.id for op in extra]
    lane_ids = [ln.id for ln in doc.lanes]
    last = doc.actions[-1].rank if doc.actions else 0.0
    for i in range(max(0, actions - len(doc.actions))):
        extra.append(Op(None, Action(
            f"bac{i}", f"Improve step {i}", description="Agreed in the workshop",
            pain_point_ids=(rnd.choice(pp_ids),), owner_lane_id=rnd.choice(lane_ids),
            impact=rnd.randint(1, 5), effort=rnd.randint(1, 5),
            due=dt.date(2026, 1, 1) + dt.timedelta(days=i % 365), rank=last + (i + 1) * 1024.0)))
    doc.apply(Edit("top up", tuple(extra)))
    return doc


def baseline_write(path: Path, sheets: list[tuple[str, list[str], list[R.Row]]]) -> None:
    """The same rows through openpyxl's write-only mode, and nothing else."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for title, headers, rows in sheets:
        ws = wb.create_sheet(title)
        ws.append(headers)
        for r in rows:
            ws.append(r)
    wb.save(path)


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall, CPU) seconds: CPU time is steadier while other work shares the machine."""
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def interleaved(fns: list[Callable[[], object]], repeat: int) -> list[tuple[float, float]]:
    """Median (wall, CPU) per function, the functions taking turns so load hits all alike."""
    runs: list[list[tuple[float, float]]] = [[] for _ in fns]
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            runs[i].append(timed(fn))
    return [(statistics.median(w for w, _ in r), statistics.median(c for _, c in r))
            for r in runs]


def median_time(fn: Callable[[], object], repeat: int) -> float:
    return interleaved([fn], repeat)[0][0]


def write_table(path: Path, n: int) -> None:
    """A touch-point table as a facilitator would prepare it: 10,000 rows, csv or xlsx."""
    head = ["Stage", "Department", "Touch-point", "Channel", "Satisfaction", "Pain point",
            "Severity"]
    rnd = random.Random(5)
    body = [[f"Stage {i * 12 // n + 1}", f"Team {rnd.randrange(9)}", f"Moment {i}",
             rnd.choice(["phone", "web", "email", "in person"]), rnd.randrange(11),
             f"Pain {i}" if i % 4 == 0 else "", rnd.randint(1, 5) if i % 4 == 0 else ""]
            for i in range(n)]
    if path.suffix == ".csv":
        with path.open("w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows([head, *body])
    else:
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Touch-points")
        ws.append(head)
        for r in body:
            ws.append([v if v != "" else None for v in r])
        wb.save(path)


def bare_read(path: Path) -> int:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as f:
            return sum(1 for _ in csv.reader(f))
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    n = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cards", type=int, default=5000)
    ap.add_argument("--pains", type=int, default=3000)
    ap.add_argument("--actions", type=int, default=2000)
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    from journeymapper.analysis import analyze

    doc = make_workshop(args.cards, args.pains, args.actions)
    c = doc.counts()
    print(f"workshop: {c['touchpoints']} touch-points, {c['flows']} flows, "
          f"{c['pain_points']} pain points, {c['actions']} actions")
    t = time.perf_counter()
    analysis = analyze(doc)
    print(f"analysis (not part of the export timings): {time.perf_counter() - t:.2f} s")
    sheets = [
        ("Backlog", [x.header for x in BACKLOG_COLUMNS], R.backlog_rows(doc, analysis)),
        ("Pain points", [x.header for x in PAIN_COLUMNS], R.pain_rows(doc)),
        ("Hand-offs", [x.header for x in HANDOFF_COLUMNS], R.handoff_rows(doc, analysis)),
        ("Gaps", [x.header for x in GAP_COLUMNS], R.gap_rows(doc, analysis)),
        ("Touch-points", [x.header for x in TOUCHPOINT_COLUMNS], R.touchpoint_rows(doc)),
    ]
    n_rows = sum(len(s[2]) for s in sheets)
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        (bw, bc), (ow, oc), (fw, fc) = interleaved([
            lambda: baseline_write(d / "base.xlsx", sheets),
            lambda: export_workbook(doc, d / "ours.xlsx", analysis, charts=False),
            lambda: export_workbook(doc, d / "full.xlsx", analysis)], args.repeat)
        print(f"\nexport to xlsx ({n_rows} rows over 5 sheets + summary), median of "
              f"{args.repeat} (wall / CPU seconds):")
        print(f"  baseline, openpyxl write-only, same rows: {bw:5.2f} / {bc:5.2f}")
        print(f"  export_workbook without charts:           {ow:5.2f} / {oc:5.2f}   "
              f"ratio {ow / bw:4.2f} / {oc / bc:4.2f}")
        print(f"  export_workbook with the 4 charts:        {fw:5.2f} / {fc:5.2f}   "
              f"ratio {fw / bw:4.2f} / {fc / bc:4.2f}   under 3 s: {'yes' if fw < 3 else 'NO'}")
        print(f"\nimport of a {args.rows}-row touch-point table, median of {args.repeat}:")
        for suffix in (".csv", ".xlsx"):
            path = d / f"table{suffix}"
            write_table(path, args.rows)
            bare = median_time(lambda p=path: bare_read(p), args.repeat)  # type: ignore[misc]
            ours_i = median_time(lambda p=path: import_table(p), args.repeat)  # type: ignore[misc]
            doc2 = import_table(path)
            print(f"  {suffix[1:]:4}: bare read {bare:5.2f} s, import_table {ours_i:5.2f} s "
                  f"(ratio {ours_i / bare:4.1f}); {doc2.counts()['touchpoints']} cards, "
                  f"{doc2.counts()['flows']} flows")


if __name__ == "__main__":
    main()
