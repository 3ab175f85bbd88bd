"""Finding ids, construction and order.

A finding's id is ``"<kind>:<ids>"`` where ``<ids>`` is the sorted, de-duplicated ids of the
entities that define it joined by ``+`` (e.g. ``handoff:fl_1``, ``ping-pong:fl_1+fl_2``,
``weak-link:tp_9``). Journey-wide findings use ``journey``. When the joined ids would be longer
than 64 characters (long loops) they are replaced by the first 16 hex digits of their SHA-1.
The same map therefore always gives the same ids, so a dismissal is remembered.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Generator, Iterable
from dataclasses import dataclass
from typing import TypeVar

from .results import Finding, Severity

MAX_PLAIN = 64
CHUNK = 400  # cards, flows or hand-offs per step of a sliced run (about 1 ms each 100)

T = TypeVar("T")


def drain(steps: Generator[None, None, T]) -> T:
    """Run a sliced step to its end at once and return what it returns."""
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


def finding_id(kind: str, entity_ids: Iterable[str]) -> str:
    ids = tuple(entity_ids)
    joined = (ids[0] if len(ids) == 1 else "+".join(sorted(set(ids)))) or "journey"
    if len(joined) > MAX_PLAIN:
        joined = hashlib.sha1(joined.encode("utf-8")).hexdigest()[:16]
    return f"{kind}:{joined}"


@dataclass(slots=True)
class Draft:
    """A finding with the key that puts it in map order within its kind."""

    finding: Finding
    order: tuple[int, ...] = ()


def draft(kind: str, severity: Severity, title: str, message: str, suggestion: str, *,
          key: Iterable[str], order: tuple[int, ...] = (), touchpoint_ids: Iterable[str] = (),
          lane_ids: Iterable[str] = (), stage_ids: Iterable[str] = (),
          flow_ids: Iterable[str] = (), pain_point_ids: Iterable[str] = ()) -> Draft:
    """``key``: the entity ids the stable id derives from. Pass each list without repeats
    (see :func:`uniq`)."""
    return Draft(Finding(
        finding_id(kind, key), kind, severity, title, message, suggestion,
        tuple(touchpoint_ids), tuple(lane_ids), tuple(stage_ids), tuple(flow_ids),
        tuple(pain_point_ids),
    ), order)


def uniq(ids: Iterable[str]) -> tuple[str, ...]:
    """``ids`` without repeats, in first-seen order."""
    return tuple(dict.fromkeys(ids))


def finish(drafts: Iterable[Draft], dismissed: Iterable[str]) -> list[Finding]:
    """Mark dismissed ones, drop duplicate ids, sort by severity (worst first), kind, map order."""
    gone = set(dismissed)
    seen: set[str] = set()
    out: list[Draft] = []
    for d in drafts:
        if d.finding.id in seen:
            continue
        seen.add(d.finding.id)
        if d.finding.id in gone:
            d = Draft(dataclasses.replace(d.finding, dismissed=True), d.order)
        out.append(d)
    weight = {sev: -sev.weight for sev in Severity}  # a dict lookup, not a property per call
    out.sort(key=lambda d: (weight[d.finding.severity], d.finding.kind, d.order, d.finding.id))
    return [d.finding for d in out]
