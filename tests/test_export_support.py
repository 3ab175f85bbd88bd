"""Documents built in memory for the export and import tests (no tests here)."""

from __future__ import annotations

import datetime as dt
import random

from journeymapper.model import (
    Channel,
    Document,
    Layer,
    PainKind,
    Priority,
    Servqual,
    Status,
    WorkshopInfo,
    edits,
)

HYPERLINK = '=HYPERLINK("http://example.com","x")'
LABELS = {("call", "rec2"): "asks; by email", ("bill", "evil"): "=pay online",
          ("sys", "bill"): "nightly"}


def surgeon_doc() -> Document:
    """The reference story: an excellent surgeon, a discourteous reception call."""
    doc = Document(WorkshopInfo(title="Surgeon practice: patient journey",
                                organisation="Northside Surgical", facilitator="A. Facilitator",
                                date=dt.date(2026, 3, 14), persona="Patient needing knee surgery"))
    stage = {}
    for name in ("Referral", "Booking", "Consultation", "Surgery", "Billing", "Follow-up"):
        e = edits.add_stage(doc, name, description="Seen by the surgeon" if name == "Surgery"
                            else "")
        doc.apply(e)
        stage[name] = e.ops[-1].entity.id
    lane = {}
    for name, layer in (("Patient", Layer.CUSTOMER), ("Reception", Layer.FRONTSTAGE),
                        ("Surgeon", Layer.FRONTSTAGE), ("Billing office", Layer.BACKSTAGE),
                        ("IT systems", Layer.SUPPORT), ("Empty lane", Layer.BACKSTAGE)):
        e = edits.add_lane(doc, name, layer, owner="Ms Head" if name == "Empty lane" else "")
        doc.apply(e)
        lane[name] = e.ops[-1].entity.id
    tp: dict[str, str] = {}

    def card(key: str, st: str, ln: str, title: str, **kw: object) -> None:
        e = edits.add_touchpoint(doc, stage[st], lane[ln], title, **kw)
        doc.apply(e)
        tp[key] = e.ops[-1].entity.id

    card("gp", "Referral", "Patient", "GP refers patient", channel=Channel.LETTER, score=8)
    card("call", "Booking", "Patient", "Calls reception to book", channel=Channel.PHONE, score=4,
         notes="Kept on hold;\nthen told to call back", tags=("phone", "first contact"))
    card("rec", "Booking", "Reception", "Reception books the slot", channel=Channel.PHONE,
         score=3, owner="Office manager")
    card("rec2", "Booking", "Reception", "Reception books the slot", channel=Channel.EMAIL,
         score=6)  # a duplicate title on purpose
    card("consult", "Consultation", "Surgeon", "Surgeon explains the operation",
         channel=Channel.IN_PERSON, score=10, is_start=False)
    card("op", "Surgery", "Surgeon", "Operation", channel=Channel.IN_PERSON, score=10)
    card("bill", "Billing", "Billing office", "Invoice sent", channel=Channel.LETTER, score=5)
    card("sys", "Billing", "IT systems", "Billing system; posts invoice", channel=Channel.OTHER)
    card("evil", "Follow-up", "Patient", HYPERLINK, channel=Channel.WEB, score=7)
    card("bell", "Follow-up", "Reception", "Bell\x07 rings", channel=Channel.PHONE, score=9,
         is_end=True)
    for a, b in (("gp", "call"), ("call", "rec"), ("call", "rec2"), ("rec", "consult"),
                 ("consult", "op"), ("op", "bill"), ("sys", "bill"), ("bill", "evil"),
                 ("evil", "bell"), ("rec2", "consult")):
        doc.apply(edits.add_flow(doc, tp[a], tp[b], LABELS.get((a, b), "")))
    pp = []
    for key, text, sev, votes in (("call", "Receptionist was curt", 4, 7),
                                  ("call", "On hold for 20 minutes", 3, 5),
                                  ("bill", "Invoice impossible to read", 2, 1),
                                  ("evil", "=1+1 typed as a pain", 1, 0)):
        e = edits.add_pain_point(doc, tp[key], text, sev, PainKind.EMOTIONAL,
                                 Servqual.EMPATHY if sev > 3 else None, votes)
        doc.apply(e)
        pp.append(e.ops[-1].entity.id)
    doc.apply(edits.add_action(doc, "Courtesy training for reception", pain_point_ids=pp[:2],
                               owner_lane_id=lane["Reception"], priority=Priority.HIGH,
                               impact=5, effort=2, status=Status.PLANNED,
                               due=dt.date(2026, 5, 1), owner_person="Office manager",
                               description="One call decides the experience"))
    doc.apply(edits.add_action(doc, "@SUM(A1) plain invoice", pain_point_ids=pp[2:3]))
    return doc


def random_doc(n_tp: int, n_pp: int, n_actions: int, seed: int = 1) -> Document:
    """A large document, built in one edit per kind for speed."""
    rnd = random.Random(seed)
    doc = Document(WorkshopInfo(title=f"Generated journey ({n_tp} touch-points)"))
    n_st, n_ln = 12, 10
    for i in range(n_st):
        doc.apply(edits.add_stage(doc, f"Stage {i + 1}", stage_id=f"st{i}"))
    layers = [Layer.CUSTOMER, Layer.FRONTSTAGE, Layer.FRONTSTAGE, Layer.BACKSTAGE,
              Layer.BACKSTAGE, Layer.BACKSTAGE, Layer.SUPPORT, Layer.SUPPORT, Layer.FRONTSTAGE,
              Layer.BACKSTAGE]
    for i in range(n_ln):
        doc.apply(edits.add_lane(doc, f"Department {i + 1}", layers[i], lane_id=f"ln{i}"))
    from journeymapper.model import Action, Edit, Flow, Op, PainPoint, TouchPoint

    channels = list(Channel)
    tps = [TouchPoint(f"tp{i}", f"st{i * n_st // n_tp}", f"ln{rnd.randrange(n_ln)}",
                      f"Touch-point {i}", rank=float(i), channel=rnd.choice(channels),
                      score=rnd.choice([None, *range(11)]), notes="Some notes " * rnd.randrange(4),
                      tags=("a", "b")[: rnd.randrange(3)])
           for i in range(n_tp)]
    flows = [Flow(f"fl{i}", f"tp{i}", f"tp{i + 1}") for i in range(n_tp - 1)]
    pps = [PainPoint(f"pp{i}", f"tp{rnd.randrange(n_tp)}", f"Pain {i}", rnd.randint(1, 5),
                     votes=rnd.randrange(10)) for i in range(n_pp)]
    acts = [Action(f"ac{i}", f"Action {i}", pain_point_ids=(f"pp{i % n_pp}",) if n_pp else (),
                   owner_lane_id=f"ln{i % n_ln}", due=dt.date(2026, 1, 1) + dt.timedelta(i % 300),
                   rank=float(i), impact=rnd.randint(1, 5), effort=rnd.randint(1, 5))
            for i in range(n_actions)]
    doc.apply(Edit("bulk", tuple(Op(None, e) for e in (*tps, *flows, *pps, *acts))))
    return doc
