"""Inspector dock: every field of the selected card, flow, pain point, stage or lane, or of the
workshop itself when nothing is selected.

Each field edit goes through ``Session.do`` with a merge key naming the entity, the field and the
typing gesture, so typing a word is one undo step; the key changes when the gesture ends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from journeymapper.model import (
    INFO_ID,
    Change,
    Channel,
    Edit,
    Layer,
    PainKind,
    Servqual,
    edits,
)
from journeymapper.model.text import one_line, shorten
from journeymapper.ui.session import Session

from .fields import (
    BoolField,
    ChoiceField,
    ColorField,
    DateField,
    Field,
    IntField,
    LineField,
    TagsField,
    TextField,
)

Ref = tuple[str, str]

FORMS: dict[str, list[tuple[str, str, Callable[[], Field]]]] = {
    "info": [
        ("title", "Title", LineField), ("organisation", "Organisation", LineField),
        ("facilitator", "Facilitator", LineField), ("date", "Date", DateField),
        ("persona", "Persona", TextField), ("job_to_be_done", "Job to be done", TextField),
        ("notes", "Notes", TextField),
    ],
    "touchpoint": [
        ("title", "Title", LineField), ("notes", "Notes", TextField),
        ("channel", "Channel", lambda: ChoiceField(Channel)),
        ("score", "Satisfaction", lambda: IntField(0, 10, optional=True)),
        ("tags", "Tags", TagsField), ("owner", "Owner", LineField),
        ("is_start", "", lambda: BoolField("Journey starts here")),
        ("is_end", "", lambda: BoolField("Journey ends here")),
    ],
    "flow": [("label", "Label", LineField)],
    "painpoint": [
        ("text", "Pain point", TextField), ("severity", "Severity", lambda: IntField(1, 5)),
        ("kind", "Kind", lambda: ChoiceField(PainKind)),
        ("dimension", "SERVQUAL", lambda: ChoiceField(Servqual, optional=True)),
        ("votes", "Votes", lambda: IntField(0, 999)),
    ],
    "stage": [
        ("name", "Name", LineField), ("description", "Description", TextField),
        ("color", "Colour", ColorField),
    ],
    "lane": [
        ("name", "Name", LineField), ("layer", "Layer", lambda: ChoiceField(Layer, optional=True)),
        ("color", "Colour", ColorField), ("owner", "Owner", LineField),
    ],
}
HEADING_ROOM = 90  # characters of a title in the inspector's heading
HEADINGS = {"info": "Workshop", "touchpoint": "Touch-point", "flow": "Flow",
            "painpoint": "Pain point", "stage": "Stage", "lane": "Lane"}


def update_edit(session: Session, kind: str, eid: str, fields: dict[str, Any]) -> Edit:
    doc = session.doc
    match kind:
        case "info":
            return edits.update_info(doc, **fields)
        case "touchpoint":
            return edits.update_touchpoint(doc, eid, **fields)
        case "flow":
            return edits.update_flow(doc, eid, **fields)
        case "painpoint":
            return edits.update_pain_point(doc, eid, **fields)
        case "stage":
            return edits.update_stage(doc, eid, **fields)
        case "lane":
            return edits.update_lane(doc, eid, **fields)
    raise ValueError(f"cannot edit a {kind}")


class Heading(QLabel):
    """The inspector's bold heading, 1.3 times the application's type (13 pt on a 10 pt
    desktop), the theme's colours. A style sheet would fix the size, and a label with one kept
    the colours of the theme it was first shown in (white on the projector theme's light grey
    after a switch from dark)."""

    SCALE = 1.3

    def __init__(self) -> None:
        super().__init__()
        self._follow_app_font()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # a label with a font of its own hears of no later change to the application's
            app.fontChanged.connect(self._follow_app_font)

    def _follow_app_font(self, _changed: QFont | None = None) -> None:
        font = QApplication.font()
        font.setPointSizeF(font.pointSizeF() * self.SCALE)
        font.setWeight(QFont.Weight.DemiBold)
        self.setFont(font)


class InspectorDock(QDockWidget):
    painPointChosen = Signal(str)  # a pain point picked from a card's list

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__("Inspector", parent)
        self.setObjectName("inspector")
        self.session = session
        self.ref: Ref = ("info", INFO_ID)
        self.fields: dict[str, Field] = {}
        self._gesture = 0
        self._heading = Heading()
        self._heading.setTextFormat(Qt.TextFormat.PlainText)  # a card title is never markup
        self._heading.setContentsMargins(0, 4, 0, 4)
        self._heading.setWordWrap(True)
        self._body = QWidget()
        self._pains = QListWidget()
        self._pains.setMaximumHeight(120)
        self._pains.itemActivated.connect(self._pain_activated)
        self._pains.itemClicked.connect(self._pain_activated)
        inner = QWidget()
        lay = QVBoxLayout(inner)
        lay.addWidget(self._heading)
        lay.addWidget(self._body)
        self._pains_label = QLabel("Pain points on this card:" if session.doc.read_only
                                   else "Pain points on this card (click to edit):")
        lay.addWidget(self._pains_label)
        lay.addWidget(self._pains)
        lay.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.setWidget(scroll)
        self.setMinimumWidth(300)
        session.changed.connect(self._on_change)
        self._build()

    # -- what is shown -------------------------------------------------------------------------
    def show_refs(self, refs: list[Ref]) -> None:
        """Follow the map's selection: one entity, or the workshop when none (or several)."""
        editable = [r for r in refs if r[0] in FORMS]
        if len(editable) == 1:
            self.show_entity(*editable[0])
        else:
            self.show_entity("info", INFO_ID)
            if len(editable) > 1:
                self._heading.setText(f"Workshop  ({len(editable)} items selected)")

    def show_entity(self, kind: str, eid: str) -> None:
        if self.session.doc.get(kind, eid) is None:
            kind, eid = "info", INFO_ID
        if (kind, eid) != self.ref:
            self.ref = (kind, eid)
            self._gesture += 1
            self._build()
        else:
            self._refresh()

    def field(self, attr: str) -> Field:
        return self.fields[attr]

    def _build(self) -> None:
        kind, _eid = self.ref
        old = self._body
        self._body = QWidget()
        form = QFormLayout(self._body)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields = {}
        read_only = self.session.doc.read_only
        for attr, label, make in FORMS[kind]:
            f = make()
            f.set_read_only(read_only)  # rather than refusing each edit with a message
            f.widget.setObjectName(f"inspector.{attr}")
            f.edited.connect(lambda v, a=attr: self._edited(a, v))
            f.finished.connect(self._finished)
            form.addRow(label, f.widget)
            self.fields[attr] = f
        holder = old.parentWidget()
        lay = holder.layout() if holder is not None else None
        if lay is not None:
            lay.replaceWidget(old, self._body)
            old.hide()
            old.deleteLater()
        self._refresh()

    def _refresh(self) -> None:
        kind, eid = self.ref
        entity = self.session.doc.get(kind, eid)
        if entity is None:
            return
        # a pain point has text, a flow a label; a flow without one gets no dangling colon
        title = next((v for v in (getattr(entity, a, None) for a in ("title", "name", "text",
                                                                     "label")) if v), "")
        # a 390-character title in large bold pushed the fields out of the dock: the heading
        # names the thing, the field below holds all of it
        short = shorten(one_line(title), HEADING_ROOM)
        heading = f"{HEADINGS[kind]}: {short}" if title else HEADINGS[kind]
        self._heading.setText(heading if kind != "info" else "Workshop")
        for attr, f in self.fields.items():
            f.set_value(getattr(entity, attr))
        is_card = kind == "touchpoint"
        self._pains_label.setVisible(is_card)
        self._pains.setVisible(is_card)
        if is_card:
            self._pains.clear()
            for p in self.session.doc.pain_points_of(eid):
                item = QListWidgetItem(f"[{p.severity}] {p.text}  ({p.votes} votes)")
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                self._pains.addItem(item)

    # -- editing -------------------------------------------------------------------------------
    def _edited(self, attr: str, value: Any) -> None:
        kind, eid = self.ref
        try:
            edit = update_edit(self.session, kind, eid, {attr: value})
        except ValueError as exc:  # EditError: shown in the status bar, the widget keeps the text
            self.session.error.emit(str(exc))
            return
        self.session.do(edit, merge_key=f"inspector:{kind}:{eid}:{attr}:{self._gesture}")

    def _finished(self) -> None:
        self._gesture += 1
        self._refresh()  # a refused value (an empty title) goes back to the model's

    def _on_change(self, change: Change) -> None:
        kind, eid = self.ref
        if eid in change.removed.get(kind, ()):
            self.show_entity("info", INFO_ID)
        elif eid in change.changed.get(kind, ()) or (
                kind == "touchpoint" and change.touches("painpoint")):
            self._refresh()

    def _pain_activated(self, item: QListWidgetItem) -> None:
        pid = str(item.data(Qt.ItemDataRole.UserRole))
        self.painPointChosen.emit(pid)
        self.show_entity("painpoint", pid)
