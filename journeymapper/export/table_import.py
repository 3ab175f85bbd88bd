"""Import a touch-point table (.xlsx or .csv) into a workshop, all or nothing.

Columns (matched forgivingly by header; see ``_headers.SYNONYMS``): Stage, Lane and Touch-point
are required; ID, Stage no., Lane no., Layer, Channel, Satisfaction, Owner, Lane owner, Tags,
Notes, Start/end, Next touch-point, Next IDs, Flow labels, Pain point, Severity, Pain kind,
SERVQUAL, Votes, Pain point ID, Stage description and Journey are optional. The rules:

- Stages and lanes are created in the order of their first appearance (or by the Stage no. and
  Lane no. columns where given). A blank stage or lane cell repeats the one above (merged cells).
- A lane without a layer is a customer lane if its name names the customer (customer, client,
  patient, guest, ...), otherwise frontstage.
- One row per pain point: a row with the same ID as an earlier row, or (without IDs) with the
  same stage, lane and touch-point as the row just above, or with no touch-point but a pain
  point, adds a pain point to that card. A row with a stage and a lane but neither a touch-point
  nor a pain point just creates that stage and lane.
- Flow labels (one per line, in the order of the next cards) label those flows.
- Flows come from Next IDs (exact; it wins when filled, so clear it after editing titles) or
  Next touch-point ("; "-separated titles; a title shared by several cards is written
  ``Title [ID]`` or resolves to the nearest such card below). Without either column, each card
  flows to the next card of its journey (the Journey column, if any) in row order.
- Any bad row raises :class:`TableImportError` naming the row; nothing is imported then.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from journeymapper.model import (
    Document,
    Edit,
    EditError,
    Flow,
    Lane,
    Layer,
    Op,
    PainPoint,
    Stage,
    TouchPoint,
    WorkshopInfo,
)
from journeymapper.model.ids import new_id
from journeymapper.model.ordering import STEP
from journeymapper.model.validation import validate_fields

from . import _table_values as V
from ._table_read import RawTable, TableReadError, read_table

REQUIRED = (("stage", "Stage, Step or Phase"), ("lane", "Lane, Department or Swimlane"),
            ("title", "Touch-point, Moment or Title"))
_ID_OK = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
_LABELLED = re.compile(r"^(.*)\[([^\[\]]+)\]$")


class TableImportError(ValueError):
    """The table cannot be imported; the message names the row and the reason."""


@dataclass
class _Card:
    row: int
    ref: str  # the ID cell, or "" when the table has none
    stage: str  # keys into the stage/lane registries
    lane: str
    entity: TouchPoint
    next_titles: list[str] = field(default_factory=list)
    next_ids: list[str] = field(default_factory=list)
    journey: str = ""
    flow_labels: list[str] = field(default_factory=list)


@dataclass
class _Place:
    name: str
    first: int  # order of first appearance
    number: float | None = None
    layer: Layer | None = None
    owner: str = ""  # a lane's
    description: str = ""  # a stage's
    entity_id: str = ""


def _err(row: int, reason: str) -> TableImportError:
    return TableImportError(f"row {row}: {reason}")


class _Builder:
    def __init__(self, table: RawTable, doc: Document) -> None:
        self.t, self.doc, self.f = table, doc, table.fields
        self.stages: dict[str, _Place] = {}
        self.lanes: dict[str, _Place] = {}
        self.cards: list[_Card] = []
        self.by_ref: dict[str, _Card] = {}
        self.pains: list[tuple[int, _Card, PainPoint]] = []
        self.taken: set[str] = set(doc.touchpoints) | set(doc.pain_points)

    def cell(self, cells: list[object], name: str) -> object:
        i = self.f.get(name)
        return cells[i] if i is not None and i < len(cells) else None

    def s(self, cells: list[object], name: str) -> str:
        return V.text(self.cell(cells, name))

    def raw(self, cells: list[object], name: str) -> str:
        """Text kept exactly as typed (notes), or "" when the cell holds only blanks."""
        v = self.cell(cells, name)
        if isinstance(v, str):
            return v if v.strip() else ""
        return V.text(v)

    def place(self, reg: dict[str, _Place], name: str, number: object, row: int,
              label: str) -> str:
        k = " ".join(name.split()).casefold()
        p = reg.get(k)
        if p is None:
            p = reg[k] = _Place(" ".join(name.split()), len(reg))
        n = V.number(number, f"the {label} number") if number not in (None, "") else None
        if n is not None and p.number is None:
            p.number = n
        return k

    def fresh_id(self, wanted: str, prefix: str) -> str:
        if wanted and _ID_OK.match(wanted) and wanted not in self.taken:
            self.taken.add(wanted)
            return wanted
        i = new_id(prefix)
        self.taken.add(i)
        return i

    def read(self) -> None:
        """Every row; the first bad one is named with its reason and the others by number, so
        that a table is mended in one go, not one error per try."""
        stage = lane = ""
        prev: _Card | None = None
        bad: list[tuple[int, str]] = []
        for n, cells in self.t.rows:
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            try:
                prev, stage, lane = self.read_row(n, cells, prev, stage, lane)
            except (ValueError, EditError) as exc:
                bad.append((n, str(exc)))
        if bad:
            (n, reason), rest = bad[0], [r for r, _ in bad[1:]]
            more = ""
            if rest:
                shown = ", ".join(str(r) for r in rest[:8]) + (" …" if len(rest) > 8 else "")
                more = f" (and row{'s' if len(rest) > 1 else ''} {shown}: {len(bad)} bad rows)"
            raise _err(n, reason + more)

    def read_row(self, n: int, cells: list[object], prev: _Card | None, stage: str,
                 lane: str) -> tuple[_Card | None, str, str]:
        st_name, ln_name = self.s(cells, "stage"), self.s(cells, "lane")
        title, pain = self.s(cells, "title"), self.s(cells, "pain")
        if not title and not pain and not st_name and not ln_name:
            return prev, stage, lane  # a row of other columns only: nothing to import
        if st_name:
            stage = self.place(self.stages, st_name, self.cell(cells, "stage_no"), n, "stage")
        elif not stage:
            raise ValueError("the stage is empty")
        about = self.raw(cells, "stage_description")
        if about and not self.stages[stage].description:
            self.stages[stage].description = about
        if ln_name:
            lane = self.place(self.lanes, ln_name, self.cell(cells, "lane_no"), n, "lane")
        elif not lane:
            raise ValueError("the lane is empty")
        lay = V.layer(self.cell(cells, "layer"))
        if lay is not None and self.lanes[lane].layer is None:
            self.lanes[lane].layer = lay
        boss = self.s(cells, "lane_owner")
        if boss and not self.lanes[lane].owner:
            self.lanes[lane].owner = boss
        ref = self.s(cells, "id")
        card: _Card | None = None
        if not title:
            if not pain:
                return None, stage, lane  # declares a stage and a lane
            if prev is None:
                raise ValueError("a pain point needs a touch-point on its row or a row above")
            card = prev
        elif ref and ref in self.by_ref:
            card = self.by_ref[ref]
            if (card.stage, card.lane) != (stage, lane):
                raise ValueError(f"touch-point ID {ref!r} is used on row {card.row} for another "
                                 "stage or lane")
        elif (not ref and prev is not None and not prev.ref and prev.entity.title == title
              and (prev.stage, prev.lane) == (stage, lane) and pain):
            card = prev
        if card is None:
            card = self.new_card(n, cells, ref, stage, lane, title)
        else:
            card.next_titles += [x for x in V.split_list(self.cell(cells, "next"))
                                 if x not in card.next_titles]
            card.next_ids += [x for x in V.split_list(self.cell(cells, "next_ids"))
                              if x not in card.next_ids]
        if pain:
            self.add_pain(n, cells, card, pain)
        return card, stage, lane

    def new_card(self, n: int, cells: list[object], ref: str, stage: str, lane: str,
                 title: str) -> _Card:
        start, end = V.marks(self.cell(cells, "marks"))
        tp = TouchPoint(
            self.fresh_id(ref, "tp"), "", "", title, 0.0, notes=self.raw(cells, "notes"),
            channel=V.channel(self.cell(cells, "channel")),
            score=V.whole(self.cell(cells, "score"), "the satisfaction", 0, 10),
            tags=tuple(V.split_list(self.cell(cells, "tags"), ";,")),
            owner=self.s(cells, "owner"), is_start=start, is_end=end)
        validate_fields(tp)
        card = _Card(n, ref, stage, lane, tp, V.split_list(self.cell(cells, "next")),
                     V.split_list(self.cell(cells, "next_ids")), self.s(cells, "journey"),
                     V.lines(self.cell(cells, "flow_labels")))
        self.cards.append(card)
        if ref:
            self.by_ref[ref] = card
        return card

    def add_pain(self, n: int, cells: list[object], card: _Card, text: str) -> None:
        sev = V.whole(self.cell(cells, "severity"), "the severity", 1, 5)
        votes = V.whole(self.cell(cells, "votes"), "the votes", 0, 10**9)
        pp = PainPoint(self.fresh_id(self.s(cells, "pain_id"), "pp"), card.entity.id, text,
                       3 if sev is None else sev, V.pain_kind(self.cell(cells, "pain_kind")),
                       V.dimension(self.cell(cells, "dimension")), votes or 0)
        validate_fields(pp)
        self.pains.append((n, card, pp))

    # -- assembling ---------------------------------------------------------------------------
    def ordered(self, reg: dict[str, _Place]) -> list[_Place]:
        return sorted(reg.values(), key=lambda p: (p.number is None, p.number or 0, p.first))

    def edit(self) -> Edit:
        doc, ops = self.doc, []
        by_name = {s.name.casefold(): s for s in doc.stages}
        pos = (doc.stages[-1].position + STEP) if doc.stages else 0.0
        for p in self.ordered(self.stages):
            old = by_name.get(p.name.casefold())
            if old:
                p.entity_id = old.id
                continue
            st = Stage(new_id("st"), p.name, pos, description=p.description)
            validate_fields(st)
            ops.append(Op(None, st))
            p.entity_id, pos = st.id, pos + STEP
        lanes = {ln.name.casefold(): ln for ln in doc.lanes}
        pos = (doc.lanes[-1].position + STEP) if doc.lanes else 0.0
        for p in self.ordered(self.lanes):
            old_lane: Lane | None = lanes.get(p.name.casefold())
            if old_lane:
                p.entity_id = old_lane.id
                continue
            ln = Lane(new_id("ln"), p.name, pos, p.layer or V.default_layer(p.name),
                      owner=p.owner)
            validate_fields(ln)
            ops.append(Op(None, ln))
            p.entity_id, pos = ln.id, pos + STEP
        ranks: dict[tuple[str, str], float] = {}
        for c in self.cards:
            cell = (self.stages[c.stage].entity_id, self.lanes[c.lane].entity_id)
            if cell not in ranks:
                existing = doc.cell(*cell)
                ranks[cell] = existing[-1].rank + STEP if existing else 0.0
            c.entity = dataclasses.replace(c.entity, stage_id=cell[0], lane_id=cell[1],
                                           rank=ranks[cell])
            ranks[cell] += STEP
            ops.append(Op(None, c.entity))
        ops += [Op(None, f) for f in self.flows()]
        ops += [Op(None, dataclasses.replace(pp, touchpoint_id=c.entity.id))
                for _, c, pp in self.pains]
        return Edit(f"Import {len(self.cards)} touch-points", tuple(ops))

    def flows(self) -> list[Flow]:
        pairs: list[tuple[_Card, _Card, str]] = []
        if "next" in self.f or "next_ids" in self.f:
            for c in self.cards:
                targets = ([self.resolve_id(c, r) for r in c.next_ids] if c.next_ids
                           else [self.resolve_title(c, r) for r in c.next_titles])
                labels = c.flow_labels + [""] * (len(targets) - len(c.flow_labels))
                pairs += [(c, t, label) for t, label in zip(targets, labels, strict=False)]
        else:
            last: dict[str, _Card] = {}
            for c in self.cards:
                if c.journey in last:
                    pairs.append((last[c.journey], c, ""))
                last[c.journey] = c
        seen: set[tuple[str, str]] = set()
        out = []
        for a, b, label in pairs:
            k = (a.entity.id, b.entity.id)
            if a is b or k in seen:
                continue
            seen.add(k)
            out.append(Flow(new_id("fl"), *k, label))
        return out

    def resolve_id(self, c: _Card, ref: str) -> _Card:
        target = self.by_ref.get(ref)
        if target is None:
            raise _err(c.row, f"the next touch-point ID {ref!r} is not in the table")
        return target

    def resolve_title(self, c: _Card, ref: str) -> _Card:
        m = _LABELLED.match(ref)
        if m and m.group(2).strip() in self.by_ref:
            return self.by_ref[m.group(2).strip()]
        if ref in self.by_ref:
            return self.by_ref[ref]
        want = ref.casefold()
        found = [x for x in self.cards if x.entity.title.casefold() == want and x is not c]
        if not found:
            if c.entity.title.casefold() == want:
                raise _err(c.row, "a touch-point cannot lead to itself")
            raise _err(c.row, f"the next touch-point {ref!r} is not in the table")
        later = [x for x in found if x.row > c.row]
        return later[0] if later else found[0]


def _read(path: Path) -> RawTable:
    try:
        table = read_table(path)
    except TableReadError as exc:
        raise TableImportError(str(exc)) from None
    if not any(h.strip() for h in table.headers):
        raise TableImportError("the file is empty")
    missing = [(name, examples) for name, examples in REQUIRED if name not in table.fields]
    if missing:  # all of them at once
        found = ", ".join(repr(h) for h in table.headers if h) or "none"
        names = " or ".join(n if n != "title" else "touch-point" for n, _ in missing)
        needs = "; ".join(examples for _, examples in missing)
        raise TableImportError(f"no {names} column: the header row needs one such as "
                               f"{needs} (found {found})")
    return table


def import_table_edit(doc: Document, path: Path | str) -> Edit:
    """The edit that adds the table's stages, lanes, cards, flows and pain points to ``doc``
    (stages and lanes with the same name as existing ones are reused)."""
    b = _Builder(_read(Path(path)), doc)
    b.read()
    if not b.cards and not b.stages:
        raise TableImportError("the table has a header but no rows")
    return b.edit()


def import_table(path: Path | str) -> Document:
    """A new workshop holding the table's journey."""
    path = Path(path)
    title = " ".join(re.split(r"[_\s]+", path.stem)).strip() or "Imported journey"
    doc = Document(WorkshopInfo(title=title[:200]))
    edit = import_table_edit(doc, path)
    try:
        doc.apply(edit)
    except EditError as exc:
        raise TableImportError(str(exc)) from None
    doc.revision = 0
    return doc
