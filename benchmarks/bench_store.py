"""Store benchmark: a 2,000-card, 3,000-flow workshop against plain sqlite3 in the same run.

Run ``python benchmarks/bench_store.py [--cards N --flows M --edits K --bulk B]``; prints a table.
The baseline writes or reads the same rows with the standard library's sqlite3 (WAL,
synchronous=NORMAL), so the ratio is the cost of our own layers: the Document's checks, the
row encoding and the statements.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _gen import make_document

from journeymapper.model import Document, Edit, edits
from journeymapper.store import WorkshopFile
from journeymapper.store.writer import statements


def _plain(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    return conn


def baseline_create(doc: Document, ddl: list[str], path: Path) -> float:
    """The same tables and rows, written with plain sqlite3 in one transaction."""
    rows = {}
    for kind in ("info", "stage", "lane", "touchpoint", "flow", "painpoint", "action",
                 "setting", "dismissal"):
        s = statements(kind)
        rows[kind] = (s.insert, [s.encode(e) for e in doc.table(kind).values()])
    t0 = time.perf_counter()
    conn = _plain(path)
    conn.execute("BEGIN")
    for statement in ddl:
        conn.execute(statement)
    for sql, params in rows.values():
        conn.executemany(sql, params)
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - t0


def baseline_read(path: Path, tables: list[str]) -> float:
    t0 = time.perf_counter()
    conn = sqlite3.connect(path)
    for t in tables:
        conn.execute(f'SELECT * FROM "{t}"').fetchall()
    conn.close()
    return time.perf_counter() - t0


def edit_stream(doc: Document, n: int) -> Callable[[int], Edit]:
    """Title changes and moves of cards, alternating, built against the current state."""
    ids = sorted(doc.touchpoints)
    stages, lanes = [s.id for s in doc.stages], [ln.id for ln in doc.lanes]

    def make(i: int) -> Edit:
        tp = ids[(i * 7919) % len(ids)]
        if i % 2:
            return edits.update_touchpoint(doc, tp, title=f"Renamed {i}")
        return edits.move_touchpoint(doc, tp, stages[i % len(stages)], lanes[i % len(lanes)])

    return make


def time_edits(doc: Document, n: int) -> list[float]:
    make = edit_stream(doc, n)
    out = []
    for i in range(n):
        edit = make(i)  # building the edit is the UI's cost, not the store's: not timed
        t0 = time.perf_counter()
        doc.apply(edit)
        out.append(time.perf_counter() - t0)
    return out


def baseline_edits(path: Path, doc: Document, n: int) -> list[float]:
    """One primary-key UPDATE per commit, the same cards in the same order."""
    ids = sorted(doc.touchpoints)
    conn = _plain(path)
    out = []
    for i in range(n):
        tp = ids[(i * 7919) % len(ids)]
        t0 = time.perf_counter()
        conn.execute("BEGIN")
        conn.execute("UPDATE touchpoint SET title = ?, rank = ? WHERE id = ?",
                     (f"Renamed {i}", float(i), tp))
        conn.execute("COMMIT")
        out.append(time.perf_counter() - t0)
    conn.close()
    return out


def p95(xs: list[float]) -> float:
    return sorted(xs)[int(len(xs) * 0.95) - 1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cards", type=int, default=2000)
    ap.add_argument("--flows", type=int, default=3000)
    ap.add_argument("--edits", type=int, default=1000)
    ap.add_argument("--bulk", type=int, default=10_000)
    args = ap.parse_args()
    doc = make_document(args.cards, args.flows)
    rows: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        ours, base = Path(tmp) / "ours.jmw", Path(tmp) / "plain.db"
        t0 = time.perf_counter()
        WorkshopFile.create(ours, doc).close()
        t_create = time.perf_counter() - t0
        probe = sqlite3.connect(ours.as_uri() + "?immutable=1", uri=True)
        ddl = [r[0] for r in probe.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid")]
        tables = [r[0] for r in probe.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        probe.close()
        rows.append(("create the file", t_create, baseline_create(doc, ddl, base)))

        t0 = time.perf_counter()
        wf = WorkshopFile.open(ours)
        t_open = time.perf_counter() - t0
        rows.append(("open into a Document", t_open, baseline_read(base, tables)))

        ts = time_edits(wf.document, args.edits)
        bs = baseline_edits(base, doc, args.edits)
        rows.append((f"commit one edit, median of {args.edits}", statistics.median(ts),
                     statistics.median(bs)))
        rows.append((f"commit one edit, p95 of {args.edits}", p95(ts), p95(bs)))

        tb = time_edits(wf.document, args.bulk)
        bb = baseline_edits(base, doc, args.bulk)
        rows.append((f"apply {args.bulk:,} edits (total)", sum(tb), sum(bb)))
        wf.close()

    counts = doc.counts()
    print(f"Workshop: {counts['touchpoints']:,} touch-points, {counts['flows']:,} flows, "
          f"{counts['stages']} stages, {counts['lanes']} lanes, {counts['pain_points']} pain "
          f"points, {counts['actions']} actions")
    print(f"{'operation':<34} {'JourneyMapper':>14} {'plain sqlite3':>14} {'ratio':>7}")
    for name, a, b in rows:
        print(f"{name:<34} {_ms(a):>14} {_ms(b):>14} {a / b:>6.1f}x")


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms" if seconds < 1 else f"{seconds:.2f} s"


if __name__ == "__main__":
    main()
