"""Generate big, believable workshops for benchmarks: ``make_document(2000, 3000)``.

Deterministic for a seed (ids included), built as entities and loaded through Document.load, so
every invariant is checked and generating 5,000 entities takes well under a second.
"""

from __future__ import annotations

import random

from journeymapper.model import (
    Action,
    Channel,
    Document,
    Entity,
    Flow,
    Lane,
    Layer,
    PainKind,
    PainPoint,
    Priority,
    Servqual,
    Stage,
    Status,
    TouchPoint,
    WorkshopInfo,
)

STAGES = ("Discover", "Research", "Enquire", "Book", "Prepare", "Visit", "Follow up", "Renew")
LANES = (
    ("Customer", Layer.CUSTOMER), ("Reception", Layer.FRONTSTAGE), ("Sales", Layer.FRONTSTAGE),
    ("Web and app", Layer.FRONTSTAGE), ("Specialists", Layer.FRONTSTAGE),
    ("Scheduling", Layer.BACKSTAGE), ("Records", Layer.BACKSTAGE), ("Billing", Layer.BACKSTAGE),
    ("IT", Layer.SUPPORT), ("Suppliers", Layer.SUPPORT),
)
VERBS = ("Calls", "Emails", "Visits", "Reads", "Books", "Pays", "Waits for", "Asks about",
         "Receives", "Confirms", "Checks", "Updates")
THINGS = ("appointment", "invoice", "reminder", "price list", "record", "follow-up call",
          "survey", "referral", "contract", "parking", "results", "brochure")


def make_document(n_touchpoints: int, n_flows: int, seed: int = 1) -> Document:
    """A workshop with 8 stages, 10 lanes over all four layers, scored touch-points, forward
    flows (and a few loops back), pain points on about one card in eight and actions for some.
    """
    rnd = random.Random(seed)

    def rid(prefix: str) -> str:
        return f"{prefix}_{rnd.getrandbits(48):012x}"

    entities: list[Entity] = [WorkshopInfo(title=f"Generated workshop ({n_touchpoints} cards)",
                                           organisation="Benchmark Health", facilitator="Bench")]
    stages = [Stage(rid("st"), name, i * 1024.0) for i, name in enumerate(STAGES)]
    lanes = [Lane(rid("ln"), name, i * 1024.0, layer, owner=f"Owner {i}")
             for i, (name, layer) in enumerate(LANES)]
    entities += stages + lanes
    by_stage: list[list[TouchPoint]] = [[] for _ in stages]
    cell_count: dict[tuple[int, int], int] = {}
    tps: list[TouchPoint] = []
    for i in range(n_touchpoints):
        s, ln = rnd.randrange(len(stages)), rnd.randrange(len(lanes))
        k = cell_count.get((s, ln), 0)
        cell_count[(s, ln)] = k + 1
        tp = TouchPoint(
            rid("tp"), stages[s].id, lanes[ln].id,
            f"{rnd.choice(VERBS)} {rnd.choice(THINGS)} {i}", rank=k * 1024.0,
            channel=rnd.choice(list(Channel)),
            score=rnd.choice([None, *range(3, 11), 8, 9, 9]),
            tags=("review",) if rnd.random() < 0.01 else (),
            is_start=i == 0, notes="" if rnd.random() < 0.7 else "Said in the room.")
        tps.append(tp)
        by_stage[s].append(tp)
    entities += tps
    pairs: set[tuple[str, str]] = set()
    attempts = 0
    while len(pairs) < n_flows and attempts < n_flows * 20 and len(tps) > 1:
        attempts += 1
        s = rnd.randrange(len(stages))
        step = 0 if rnd.random() < 0.3 else (-rnd.randrange(1, 3) if rnd.random() < 0.05 else 1)
        t = s + step
        if not (0 <= t < len(stages)) or not by_stage[s] or not by_stage[t]:
            continue
        a, b = rnd.choice(by_stage[s]), rnd.choice(by_stage[t])
        if a.id != b.id:
            pairs.add((a.id, b.id))
    entities += [Flow(rid("fl"), a, b) for a, b in sorted(pairs)]
    pps = [PainPoint(rid("pp"), tp.id, f"Customer frustrated at {tp.title.lower()}",
                     rnd.randint(1, 5), rnd.choice(list(PainKind)),
                     rnd.choice([None, *Servqual]), rnd.randint(0, 6))
           for tp in tps if rnd.random() < 0.125]
    entities += pps
    entities += [Action(rid("ac"), f"Fix: {pp.text[:40]}", pain_point_ids=(pp.id,),
                        owner_lane_id=rnd.choice(lanes).id, priority=rnd.choice(list(Priority)),
                        impact=rnd.randint(1, 5), effort=rnd.randint(1, 5),
                        status=rnd.choice(list(Status)), rank=i * 1024.0)
                 for i, pp in enumerate(pps) if rnd.random() < 0.3]
    doc = Document()
    doc.load(entities)
    return doc
