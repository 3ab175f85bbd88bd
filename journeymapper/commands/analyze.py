"""``journeymapper analyze PATH [--json]``: hand-offs, loops, gaps, weak links and bottlenecks.

The text report lists the open findings grouped by severity (dismissed ones are counted, not
shown) and prints the lane-to-lane hand-off matrix as a table. ``--json`` prints
:func:`journeymapper.analysis.analysis_to_json` (keys ``handoffs``, ``matrix``, ``per_stage``,
``findings``, ``summary``), dismissed findings included with ``"dismissed": true``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from journeymapper.commands._common import load_document
from journeymapper.model import Document
from journeymapper.model.text import shorten

if TYPE_CHECKING:
    from journeymapper.analysis import Analysis


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "analyze", help="report silo hand-offs, gaps, weak links and bottlenecks",
        description="Analyse a workshop's journey map: hand-offs between departments (and those "
                    "the customer has to carry), loops, gaps, weak links with the journey's "
                    "likely zone, and bottlenecks. Thresholds come from the workshop's settings.",
    )
    p.add_argument("path", metavar="PATH", help="a .jmw workshop file or a .json workshop")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from journeymapper.analysis import analysis_to_json, analyze

    doc = load_document(args.path)
    result = analyze(doc, include_betweenness=True)
    if args.json:
        print(json.dumps(analysis_to_json(doc, result), indent=2, ensure_ascii=False))
    else:
        print("\n".join(report_lines(doc, result, Path(args.path).name)))
    return 0


def _short(name: str, width: int = 14) -> str:
    return shorten(name, width)


def matrix_table(doc: Document, matrix: dict[tuple[str, str], int]) -> list[str]:
    """Rows: from lane, columns: to lane; only lanes that hand work over or receive it."""
    used = {ln for pair in matrix for ln in pair}
    lanes = [ln for ln in doc.lanes if ln.id in used]
    if not lanes:
        return ["  (no hand-offs)"]
    names = [_short(ln.name) for ln in lanes]
    first = max(len("from \\ to"), *(len(n) for n in names))
    width = max(5, *(len(n) for n in names))
    lines = ["  " + "from \\ to".ljust(first) + "".join(f"  {n:>{width}}" for n in names)]
    for row, name in zip(lanes, names, strict=True):
        cells = "".join(f"  {matrix.get((row.id, col.id), 0) or '.':>{width}}" for col in lanes)
        lines.append("  " + name.ljust(first) + cells)
    return lines


def _many(count: int, one: str) -> str:
    """'1 flow', '2 flows'."""
    return f"{count} {one}" + ("" if count == 1 else "s")


def report_lines(doc: Document, analysis: Analysis, file_name: str) -> list[str]:
    from journeymapper.analysis import Severity

    s: dict[str, Any] = analysis.summary
    sev, hand, counts = s["by_severity"], s["handoffs"], s["counts"]
    out = [f"Analysis of {s['workshop']}  ({file_name})",
           f"  {_many(counts['touchpoints'], 'touch-point')}, {_many(counts['flows'], 'flow')}, "
           f"{_many(counts['stages'], 'stage')}, {_many(counts['lanes'], 'lane')}",
           f"  {_many(s['findings'], 'finding')}: {sev['critical']} critical, "
           f"{sev['warning']} warning, "
           f"{sev['info']} info" + (f"; {s['dismissed']} dismissed (not shown)"
                                    if s["dismissed"] else "")]
    if s["mean_score"] is not None:
        w = s["weakest_touchpoint"]
        out.append(f"  Score: mean {s['mean_score']}, likely felt as {s['likely_score']} "
                   f"({s['journey_zone']}); weakest: '{w['title']}' {w['score']}/10 in "
                   f"{w['lane']}")
    out.append(f"  Hand-offs: {hand['total']} ({hand['visible']} visible, {hand['backstage']} "
               f"backstage, {hand['customer-carried']} carried by the customer)")
    if analysis.per_stage:
        out.append("  Per stage: " + ", ".join(f"{doc.stage(sid).name} {n}"
                                               for sid, n in analysis.per_stage.items()))
    out += ["", "Lane-to-lane hand-offs (rows hand over to columns)"]
    out += matrix_table(doc, analysis.matrix)
    findings = [f for f in analysis.findings if not f.dismissed]
    for level in (Severity.CRITICAL, Severity.WARNING, Severity.INFO):
        group = [f for f in findings if f.severity is level]
        if not group:
            continue
        out += ["", f"{level.value.upper()} ({len(group)})"]
        for f in group:
            out += [f"  * {f.title}  [{f.kind}]", f"    {f.message}", f"    -> {f.suggestion}"]
    if not findings:
        out += ["", "No findings."]
    return out
