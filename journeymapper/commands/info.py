"""``journeymapper info PATH [--json]``: what a workshop holds."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from journeymapper.cli import UserError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "info", help="show a workshop's details and counts",
        description="Print a workshop's title and the counts of stages, lanes, touch-points, "
                    "flows, pain points and actions, and the file's schema revision.",
    )
    p.add_argument("path", metavar="PATH", help="a .jmw workshop file")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from journeymapper.store import StoreError, WorkshopFile

    path = Path(args.path)
    try:
        wf = WorkshopFile.open(path, read_only=True)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    try:
        doc, revision, notice = wf.document, wf.schema_revision, wf.notice
    finally:
        wf.close()
    info = doc.info
    scores = [t.score for t in doc.touchpoints.values() if t.score is not None]
    data = {
        "path": str(path), "title": info.title, "organisation": info.organisation,
        "facilitator": info.facilitator, "date": info.date.isoformat() if info.date else None,
        **doc.counts(), "schema_revision": revision,
        "mean_score": round(sum(scores) / len(scores), 2) if scores else None,
    }
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    print(f"{info.title}  ({path.name})")
    for key, label in (("organisation", "Organisation"), ("facilitator", "Facilitator"),
                       ("date", "Date")):
        if data[key]:
            print(f"  {label + ':':14}{data[key]}")
    for key, label in (("stages", "Stages"), ("lanes", "Lanes"), ("touchpoints", "Touch-points"),
                       ("flows", "Flows"), ("pain_points", "Pain points"), ("actions", "Actions")):
        print(f"  {label + ':':14}{data[key]}")
    if data["mean_score"] is not None:
        print(f"  {'Mean score:':14}{data['mean_score']} / 10")
    print(f"  {'Schema:':14}{revision}")
    if notice:
        print(f"  Note: {notice}")
    return 0
