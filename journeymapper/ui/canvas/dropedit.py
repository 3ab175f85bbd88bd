"""One edit that drops several cards into cells at given indices (one gesture, one undo step)."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence

from journeymapper.model import Document, Edit, Op, TouchPoint, edits
from journeymapper.model.ordering import MIN_GAP, STEP, spread


def drop_cards(doc: Document, placements: Sequence[tuple[str, str, str, int]]) -> Edit:
    """Move cards ``(tp_id, stage_id, lane_id, index)``; ``index`` counts the target cell's cards
    that are not moving. Cards aimed at the same slot keep the order given."""
    moving = {p[0] for p in placements}
    by_cell: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    for n, (tp_id, s, ln, idx) in enumerate(placements):
        doc.touchpoint(tp_id)
        doc.stage(s)
        doc.lane(ln)
        by_cell[(s, ln)].append((idx, n, tp_id))
    ops: list[Op] = []
    for (s, ln), wanted in by_cell.items():
        fixed = [t for t in doc.cell(s, ln) if t.id not in moving]
        order: list[TouchPoint | str] = list(fixed)
        for idx, _, tp_id in sorted(wanted, reverse=True):  # insert from the back: indices hold
            order.insert(max(0, min(idx, len(fixed))), tp_id)
        # keep the requested order for cards aimed at the same index
        ranks = _ranks(order)
        renumber = ranks is None
        if ranks is None:
            ranks = spread(len(order))
        for slot, rank in zip(order, ranks, strict=True):
            if isinstance(slot, str):
                tp = doc.touchpoint(slot)
                new = dataclasses.replace(tp, stage_id=s, lane_id=ln, rank=rank)
            elif renumber:
                tp, new = slot, dataclasses.replace(slot, rank=rank)
            else:
                continue
            if new != tp:
                ops.append(Op(tp, new))
    n = len({op.entity.id for op in ops if op.entity.id in moving})
    first = doc.touchpoint(placements[0][0]).title if placements else ""
    label = f"Move {edits.quoted(first)}" if n == 1 else f"Move {n} cards"
    return Edit(label, tuple(ops))


def _ranks(order: Sequence[TouchPoint | str]) -> list[float] | None:
    """Ranks for ``order`` keeping fixed cards' ranks; None when a gap is too small."""
    out: list[float] = [0.0] * len(order)
    i = 0
    prev: float | None = None
    while i < len(order):
        slot = order[i]
        if not isinstance(slot, str):
            out[i] = prev = slot.rank
            i += 1
            continue
        j = i
        while j < len(order) and isinstance(order[j], str):
            j += 1
        nxt_slot = order[j] if j < len(order) else None
        nxt = nxt_slot.rank if isinstance(nxt_slot, TouchPoint) else None
        k = j - i
        for m in range(k):
            if prev is None and nxt is None:
                out[i + m] = m * STEP
            elif prev is None:
                assert nxt is not None
                out[i + m] = nxt - (k - m) * STEP
            elif nxt is None:
                out[i + m] = prev + (m + 1) * STEP
            else:
                if (nxt - prev) / (k + 1) < MIN_GAP:
                    return None
                out[i + m] = prev + (nxt - prev) * (m + 1) / (k + 1)
        prev = out[j - 1]
        i = j
    return out
