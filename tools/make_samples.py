"""Build the sample workshops in ``workshops/`` from their readable source in ``workshops/src/``.

Each ``workshops/src/<name>.toml`` becomes ``workshops/<name>.jmw``. The source is meant to be read
and reviewed; the ``.jmw`` files are generated and never edited by hand.

    python tools/make_samples.py              rewrite the samples whose source changed
    python tools/make_samples.py --check      exit 1 if a committed sample differs from its source
    python tools/make_samples.py NAME ...     only these samples (file stem, e.g. surgeon-practice)
    python tools/make_samples.py --force      rewrite even when nothing changed

The source format (every table is optional except ``[workshop]``; keys are lower-case words joined
by hyphens and are unique per kind; ids are derived from them, so regenerating gives the same ids)::

    [workshop]          title, organisation, facilitator, date, persona, job_to_be_done, notes
    [[stage]]           key, name, description, color
    [[lane]]            key, name, layer (customer|frontstage|backstage|support), owner, color
    [[card]]            key, stage, lane, title, channel, score, notes, tags, owner, start, end,
                        next = ["card-key", {to = "card-key", label = "..."}, ...]
    [[pain]]            key, card, text, severity, kind (emotional|objective), dimension, votes
    [[action]]          key, title, description, pains = ["pain-key", ...], lane, person,
                        priority, impact, effort, status, due
    [settings]          key = "value" pairs (analysis thresholds and the like)

Cards keep the order they have in the file within their cell; flows are added after all cards, so
``next`` may name a card further down the file.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import re
import shutil
import sys
import tempfile
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from journeymapper.model import Document, EditError, WorkshopInfo, edits
from journeymapper.model.enums import Channel, Layer, PainKind, Priority, Servqual, Status

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = ROOT / "workshops" / "src"
OUT_DIR = ROOT / "workshops"

KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# The id prefix of each kind; an id is prefix + "_" + key (flows: source key + "__" + target key).
PREFIX = {"stage": "st", "lane": "ln", "card": "tp", "pain": "pp", "action": "ac", "flow": "fl"}

FIELDS: dict[str, frozenset[str]] = {
    "workshop": frozenset({"title", "organisation", "facilitator", "date", "persona",
                           "job_to_be_done", "notes"}),
    "stage": frozenset({"key", "name", "description", "color"}),
    "lane": frozenset({"key", "name", "layer", "owner", "color"}),
    "card": frozenset({"key", "stage", "lane", "title", "channel", "score", "notes", "tags",
                       "owner", "start", "end", "next"}),
    "pain": frozenset({"key", "card", "text", "severity", "kind", "dimension", "votes"}),
    "action": frozenset({"key", "title", "description", "pains", "lane", "person", "priority",
                         "impact", "effort", "status", "due"}),
}
TOP_LEVEL = frozenset({"workshop", "stage", "lane", "card", "pain", "action", "settings"})

En = TypeVar("En", bound=StrEnum)


class SampleError(Exception):
    """A problem in a sample's source, worded to name the file and the entry at fault."""


def sample_id(kind: str, key: str) -> str:
    """The stable id of the entity a source entry with this ``key`` becomes."""
    return f"{PREFIX[kind]}_{key}"


def flow_id(source_key: str, target_key: str) -> str:
    return f"{PREFIX['flow']}_{source_key}__{target_key}"


class _Builder:
    """Turns one parsed source file into a Document through the model's edit factories."""

    def __init__(self, path: Path, data: Mapping[str, Any]) -> None:
        self.path = path
        self.data = data
        self.doc = Document()
        self.keys: dict[str, set[str]] = {k: set() for k in PREFIX}

    # -- reporting ---------------------------------------------------------------------------
    def fail(self, where: str, problem: str) -> SampleError:
        return SampleError(f"{self.path.name}: {where}: {problem}")

    @contextlib.contextmanager
    def entry(self, where: str) -> Iterator[None]:
        """Re-raise a model refusal as a :class:`SampleError` that says where it came from."""
        try:
            yield
        except EditError as exc:
            raise self.fail(where, str(exc)) from None

    # -- reading values ----------------------------------------------------------------------
    def rows(self, kind: str) -> list[dict[str, Any]]:
        rows = self.data.get(kind, [])
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise self.fail(kind, f"write each {kind} as a [[{kind}]] table")
        return rows

    def check_fields(self, kind: str, row: Mapping[str, Any], where: str) -> None:
        unknown = sorted(set(row) - FIELDS[kind])
        if unknown:
            allowed = ", ".join(sorted(FIELDS[kind]))
            raise self.fail(where, f"unknown field {unknown[0]!r} (a {kind} has: {allowed})")

    def key_of(self, kind: str, row: Mapping[str, Any], index: int) -> str:
        key = row.get("key")
        where = f"{kind} #{index + 1}"
        if not isinstance(key, str) or not KEY_RE.match(key):
            raise self.fail(where, f"needs a key of lower-case words joined by hyphens, "
                                   f"not {key!r}")
        if key in self.keys[kind]:
            raise self.fail(f"{kind} {key!r}", "this key is used twice")
        self.keys[kind].add(key)
        return key

    def text(self, row: Mapping[str, Any], name: str, where: str, *, required: bool = False,
             default: str = "") -> str:
        value = row.get(name, default)
        if not isinstance(value, str):
            raise self.fail(where, f"{name} must be text, not {value!r}")
        value = value.strip()
        if required and not value:
            raise self.fail(where, f"{name} is required")
        return value

    def integer(self, row: Mapping[str, Any], name: str, where: str, default: int | None,
                low: int, high: int) -> int | None:
        value = row.get(name, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise self.fail(where, f"{name} must be a whole number from {low} to {high}, "
                                   f"not {value!r}")
        return value

    def choice(self, row: Mapping[str, Any], name: str, where: str, enum: type[En],
               default: En | None) -> En | None:
        value = row.get(name)
        if value is None:
            return default
        try:
            return enum(value)
        except ValueError:
            options = ", ".join(repr(m.value) for m in enum)
            raise self.fail(where, f"{name} {value!r} is not one of {options}") from None

    def date(self, row: Mapping[str, Any], name: str, where: str) -> dt.date | None:
        value = row.get(name)
        if value is None or (isinstance(value, dt.date) and not isinstance(value, dt.datetime)):
            return value
        raise self.fail(where, f"{name} must be a TOML date such as 2026-03-12, not {value!r}")

    def ref(self, kind: str, key: object, where: str, field: str) -> str:
        if not isinstance(key, str) or key not in self.keys[kind]:
            raise self.fail(where, f"{field} names no {kind} with key {key!r}")
        return sample_id(kind, key)

    # -- building ----------------------------------------------------------------------------
    def build(self) -> Document:
        unknown = sorted(set(self.data) - TOP_LEVEL)
        if unknown:
            raise self.fail(unknown[0], f"unknown table (expected {', '.join(sorted(TOP_LEVEL))})")
        self.workshop()
        self.settings()
        for i, row in enumerate(self.rows("stage")):
            self.stage(i, row)
        for i, row in enumerate(self.rows("lane")):
            self.lane(i, row)
        cards = self.rows("card")
        card_keys = [self.card(i, row) for i, row in enumerate(cards)]
        for key, row in zip(card_keys, cards, strict=True):
            self.flows(key, row)
        for i, row in enumerate(self.rows("pain")):
            self.pain(i, row)
        for i, row in enumerate(self.rows("action")):
            self.action(i, row)
        self.doc.revision = 0
        return self.doc

    def workshop(self) -> None:
        row = self.data.get("workshop")
        if not isinstance(row, dict):
            raise self.fail("workshop", "the file needs a [workshop] table with at least a title")
        self.check_fields("workshop", row, "workshop")
        where = "workshop"
        info = WorkshopInfo(
            title=self.text(row, "title", where, required=True),
            organisation=self.text(row, "organisation", where),
            facilitator=self.text(row, "facilitator", where),
            date=self.date(row, "date", where),
            notes=self.text(row, "notes", where),
            persona=self.text(row, "persona", where),
            job_to_be_done=self.text(row, "job_to_be_done", where),
        )
        with self.entry(where):
            self.doc.apply(edits.update_info(self.doc, **{
                name: getattr(info, name) for name in FIELDS["workshop"]}))

    def settings(self) -> None:
        table = self.data.get("settings", {})
        if not isinstance(table, dict):
            raise self.fail("settings", "write settings as a [settings] table of key = value")
        for key, value in table.items():
            if isinstance(value, bool | dict | list):
                raise self.fail(f"settings {key!r}", "a setting must be text or a number")
            with self.entry(f"settings {key!r}"):
                self.doc.apply(edits.set_setting(self.doc, key, str(value)))

    def stage(self, index: int, row: Mapping[str, Any]) -> None:
        key = self.key_of("stage", row, index)
        where = f"stage {key!r}"
        self.check_fields("stage", row, where)
        name = self.text(row, "name", where, required=True)
        description = self.text(row, "description", where)
        color = self.text(row, "color", where) or None
        with self.entry(where):
            self.doc.apply(edits.add_stage(self.doc, name, color=color, description=description,
                                           stage_id=sample_id("stage", key)))

    def lane(self, index: int, row: Mapping[str, Any]) -> None:
        key = self.key_of("lane", row, index)
        where = f"lane {key!r}"
        self.check_fields("lane", row, where)
        name = self.text(row, "name", where, required=True)
        layer = self.choice(row, "layer", where, Layer, Layer.FRONTSTAGE)
        owner = self.text(row, "owner", where)
        color = self.text(row, "color", where) or None
        with self.entry(where):
            self.doc.apply(edits.add_lane(self.doc, name, layer, color=color, owner=owner,
                                          lane_id=sample_id("lane", key)))

    def card(self, index: int, row: Mapping[str, Any]) -> str:
        key = self.key_of("card", row, index)
        where = f"card {key!r}"
        self.check_fields("card", row, where)
        stage_id = self.ref("stage", row.get("stage"), where, "stage")
        lane_id = self.ref("lane", row.get("lane"), where, "lane")
        title = self.text(row, "title", where, required=True)
        tags = row.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
            raise self.fail(where, "tags must be a list of words, e.g. tags = [\"review\"]")
        for flag in ("start", "end"):
            if not isinstance(row.get(flag, False), bool):
                raise self.fail(where, f"{flag} must be true or false")
        fields: dict[str, Any] = {
            "notes": self.text(row, "notes", where),
            "channel": self.choice(row, "channel", where, Channel, Channel.OTHER),
            "score": self.integer(row, "score", where, None, 0, 10),
            "tags": tuple(t.strip() for t in tags),
            "owner": self.text(row, "owner", where),
            "is_start": bool(row.get("start", False)),
            "is_end": bool(row.get("end", False)),
        }
        with self.entry(where):
            self.doc.apply(edits.add_touchpoint(self.doc, stage_id, lane_id, title,
                                                touchpoint_id=sample_id("card", key), **fields))
        return key

    def flows(self, key: str, row: Mapping[str, Any]) -> None:
        where = f"card {key!r}"
        targets = row.get("next", [])
        if not isinstance(targets, list):
            raise self.fail(where, "next must be a list of card keys")
        for target in targets:
            label = ""
            if isinstance(target, dict):
                extra = sorted(set(target) - {"to", "label"})
                if extra or "to" not in target:
                    raise self.fail(where, "write a labelled flow as {to = \"card-key\", "
                                           "label = \"...\"}")
                label = self.text(target, "label", where)
                target = target["to"]
            target_id = self.ref("card", target, where, "next")
            fid = flow_id(key, str(target))
            self.keys["flow"].add(fid)
            with self.entry(f"{where} next {target!r}"):
                self.doc.apply(edits.add_flow(self.doc, sample_id("card", key), target_id, label,
                                              flow_id=fid))

    def pain(self, index: int, row: Mapping[str, Any]) -> None:
        key = self.key_of("pain", row, index)
        where = f"pain {key!r}"
        self.check_fields("pain", row, where)
        tp_id = self.ref("card", row.get("card"), where, "card")
        text = self.text(row, "text", where, required=True)
        severity = self.integer(row, "severity", where, 3, 1, 5)
        kind = self.choice(row, "kind", where, PainKind, PainKind.EMOTIONAL)
        dimension = self.choice(row, "dimension", where, Servqual, None)
        votes = self.integer(row, "votes", where, 0, 0, 10_000)
        assert severity is not None and kind is not None and votes is not None
        with self.entry(where):
            self.doc.apply(edits.add_pain_point(self.doc, tp_id, text, severity, kind, dimension,
                                                votes, pain_point_id=sample_id("pain", key)))

    def action(self, index: int, row: Mapping[str, Any]) -> None:
        key = self.key_of("action", row, index)
        where = f"action {key!r}"
        self.check_fields("action", row, where)
        pains = row.get("pains", [])
        if not isinstance(pains, list):
            raise self.fail(where, "pains must be a list of pain keys")
        pain_ids = [self.ref("pain", p, where, "pains") for p in pains]
        lane = row.get("lane")
        lane_id = None if lane is None else self.ref("lane", lane, where, "lane")
        title = self.text(row, "title", where, required=True)
        priority = self.choice(row, "priority", where, Priority, Priority.MEDIUM)
        status = self.choice(row, "status", where, Status, Status.IDEA)
        impact = self.integer(row, "impact", where, 3, 1, 5)
        effort = self.integer(row, "effort", where, 3, 1, 5)
        assert priority is not None and status is not None
        assert impact is not None and effort is not None
        description = self.text(row, "description", where)
        person = self.text(row, "person", where)
        due = self.date(row, "due", where)
        with self.entry(where):
            self.doc.apply(edits.add_action(
                self.doc, title, action_id=sample_id("action", key), pain_point_ids=pain_ids,
                owner_lane_id=lane_id, priority=priority, impact=impact, effort=effort,
                status=status, description=description, owner_person=person, due=due))


def load_source(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise SampleError(f"{path.name}: not valid TOML: {exc}") from None
    except OSError as exc:
        raise SampleError(f"{path.name}: cannot be read: {exc.strerror}") from None


def build_document(path: Path) -> Document:
    """The Document a source file describes; :class:`SampleError` names the file and entry."""
    return _Builder(path, load_source(path)).build()


def sources(names: Sequence[str] = ()) -> list[Path]:
    """The source files, all of them or only ``names`` (stems or paths)."""
    if not names:
        return sorted(SOURCE_DIR.glob("*.toml"))
    out = []
    for name in names:
        p = Path(name)
        p = p if p.suffix == ".toml" else SOURCE_DIR / f"{p.stem}.toml"
        if not p.exists():
            raise SampleError(f"{p.name}: no such sample source in {SOURCE_DIR}")
        out.append(p)
    return out


def output_path(source: Path) -> Path:
    return OUT_DIR / f"{source.stem}.jmw"


# -- the store --------------------------------------------------------------------------------
def read_workshop(path: Path) -> tuple[Document, bool]:
    """The Document in a ``.jmw`` file, and whether it is at the store's current schema.

    The file is copied to a temporary folder and opened there, so a tracked sample is never
    touched (opening takes a lock and may migrate).
    """
    from journeymapper.store import WorkshopFile

    with tempfile.TemporaryDirectory(prefix="make-samples-") as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        wf = WorkshopFile.open(copy)
        try:
            return wf.document, wf.backup_path is None
        finally:
            wf.close()


def write_workshop(doc: Document, path: Path) -> None:
    """Write ``doc`` to ``path`` all or nothing: build a temp file beside it, read it back to
    make sure the store kept everything, then rename it into place."""
    from journeymapper.store import WorkshopFile

    tmp = path.with_name(f".{path.stem}.{os.getpid()}.building.jmw")
    try:
        WorkshopFile.create(tmp, doc, overwrite=True).close()
        back = WorkshopFile.open(tmp)
        try:
            same = back.document == doc
        finally:
            back.close()
        if not same:
            raise SampleError(f"{path.name}: the file read back differs from the source")
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, *(tmp.with_name(tmp.name + s) for s in ("-wal", "-shm", "-lock"))):
            leftover.unlink(missing_ok=True)


def compare(doc: Document, out: Path) -> str | None:
    """None if ``out`` holds exactly ``doc`` at the current schema, else why not."""
    from journeymapper.store import StoreError

    if not out.exists():
        return "is missing"
    try:
        current, at_head = read_workshop(out)
    except StoreError as exc:
        return f"cannot be opened ({exc})"
    if current != doc:
        return "differs from its source"
    if not at_head:
        return "was written by an older schema"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make_samples.py",
        description="Build workshops/<name>.jmw from workshops/src/<name>.toml.")
    parser.add_argument("names", nargs="*", help="samples to build (default: all)")
    parser.add_argument("--check", action="store_true",
                        help="compare the committed samples with their source; exit 1 if any "
                             "differs, is missing or needs migrating")
    parser.add_argument("--force", action="store_true",
                        help="rewrite the samples even when they already match their source")
    args = parser.parse_args(argv)
    from journeymapper.store import StoreError

    try:
        paths = sources(args.names)
        if not paths:
            raise SampleError(f"no *.toml sources in {SOURCE_DIR}")
        stale = 0
        for src in paths:
            doc = build_document(src)
            out = output_path(src)
            rel = out.relative_to(ROOT)
            why = compare(doc, out)
            if args.check:
                if why is not None:
                    stale += 1
                    print(f"{rel} {why}: run python tools/make_samples.py", file=sys.stderr)
                else:
                    print(f"{rel} matches {src.name}")
                continue
            counts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in doc.counts().items())
            if why is None and not args.force:
                print(f"{rel} is up to date ({counts})")
                continue
            write_workshop(doc, out)
            print(f"wrote {rel} ({counts})")
        return 1 if stale else 0
    except (SampleError, StoreError) as exc:
        print(f"make_samples: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
