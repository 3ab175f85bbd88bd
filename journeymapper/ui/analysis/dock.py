"""FindingsDock: the analysis findings grouped by kind (most severe group first) with counts.

Picking a finding selects and centres its cards on the map; the detail pane reads out its
sentence and suggestion. "Dismiss" and "Add to backlog" are model edits through the session
(remembered in the file, one undo step each)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

# Qt classes by module (``QtWidgets.QTreeWidget``) where the dock's content uses them: PySide6 makes
# a class (and its enum types) on first use, and the content waits until the dock is shown.
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QWidget

from journeymapper.ui import plain
from journeymapper.ui.docks.lazy import LazyDock
from journeymapper.ui.session import Session

if TYPE_CHECKING:
    from journeymapper.analysis import Analysis, Finding, Severity
    from journeymapper.ui.canvas import MapView

    from .backlog import backlog_edit, dismiss_edit, in_backlog, refs_of
    from .controller import AnalysisController
    from .style import SEVERITY_COLORS, SEVERITY_SYMBOLS, kind_label

ID_ROLE = Qt.ItemDataRole.UserRole + 1
BATCH = 100  # findings listed per group before a "more" item (big maps have thousands)


def _load_analysis() -> None:
    """Import the analysis names this module uses (kept out of start-up: the dock is a tab
    behind the pain points and the analysis starts after the window's first paint)."""
    global Severity, backlog_edit, dismiss_edit, in_backlog, refs_of
    global SEVERITY_COLORS, SEVERITY_SYMBOLS, kind_label
    from journeymapper.analysis import Severity

    from .backlog import backlog_edit, dismiss_edit, in_backlog, refs_of
    from .style import SEVERITY_COLORS, SEVERITY_SYMBOLS, kind_label


# The content's widgets: made on first use (LazyDock).
_CONTENT = frozenset({"summary", "show_dismissed", "tree", "detail", "dismiss_btn",
                      "backlog_btn", "betweenness_btn", "_deferred"})


def severity_icon(sev: Severity, size: int = 16) -> QtGui.QIcon:
    _load_analysis()
    pm = QtGui.QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QtGui.QPainter(pm)
    p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QtGui.QColor(SEVERITY_COLORS[sev]))
    h, n = size // 2, size - 1
    pt = QtCore.QPoint
    if sev is Severity.CRITICAL:  # shape as well as colour: diamond, triangle, circle
        p.drawConvexPolygon([pt(h, 0), pt(n, h), pt(h, n), pt(0, h)])
    elif sev is Severity.WARNING:
        p.drawConvexPolygon([pt(h, 0), pt(n, n), pt(0, n)])
    else:
        p.drawEllipse(pm.rect().adjusted(1, 1, -1, -1))
    f = QtGui.QFont("DejaVu Sans")
    f.setPixelSize(int(size * 0.6))
    f.setBold(True)
    p.setFont(f)
    p.setPen(QtGui.QColor("#FFFFFF"))
    p.drawText(pm.rect().adjusted(0, 2 if sev is Severity.WARNING else 0, 0, 0),
               Qt.AlignmentFlag.AlignCenter, SEVERITY_SYMBOLS[sev][:1])
    p.end()
    return QtGui.QIcon(pm)


class FindingsDock(LazyDock):
    findingPicked = Signal(str)  # finding id
    CONTENT = _CONTENT

    def __init__(self, controller: AnalysisController | None, view: MapView, session: Session,
                 parent: QWidget | None = None) -> None:
        """``controller`` may come later (``attach``): the window makes the dock at once, a tab
        behind the pain points, and the analysis right after its first paint. The dock's
        content is made when the analysis attaches, when the dock is first shown, or when
        anything asks for one of its widgets, whichever comes first."""
        super().__init__("Findings", parent)
        self.setObjectName("findingsDock")
        self.controller: AnalysisController | None = None
        self.view, self.session = view, session
        self._findings: dict[str, Finding] = {}
        self._groups: dict[str, list[Finding]] = {}  # group key -> its findings
        self.last_fill_s = 0.0  # how long the last refill took (the benchmark reads it)
        self._shown_key: tuple[object, ...] | None = None
        self._filling = False
        self._icons: dict[Severity, QtGui.QIcon] = {}  # made with the first findings
        session.changed.connect(self._session_changed)
        if controller is not None:
            self.attach(controller)

    def _session_changed(self, _change: object) -> None:
        if self.built():
            self._update_buttons()

    def attach(self, controller: AnalysisController) -> None:
        """Follow ``controller``'s results (once)."""
        if self.controller is not None:
            return
        self.ensure_content()
        self.controller = controller
        controller.analysisReady.connect(self._on_analysis)
        if controller.current() is not None:
            self._fill()

    def _build_content(self) -> None:
        body = QWidget()
        lay = QtWidgets.QVBoxLayout(body)
        lay.setContentsMargins(4, 4, 4, 4)
        top = QtWidgets.QHBoxLayout()
        self.summary = QtWidgets.QLabel("Analysing…")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.show_dismissed = QtWidgets.QCheckBox("Show dismissed")
        self.show_dismissed.toggled.connect(lambda _on: self._fill(force=True))
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_dismissed)
        lay.addLayout(top)
        self.tree = QtWidgets.QTreeWidget()
        self.tree.setHeaderLabels(["Finding"])
        self.tree.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemExpanded.connect(self._expanded)
        self.detail = QtWidgets.QTextBrowser()
        self.detail.setOpenLinks(False)
        # Smaller than Qt's 70 px each at the least: with the window's other docks, those made
        # the window too tall for a 720-line screen (it came back from a larger one with its
        # bottom below the screen's edge)
        self.tree.setMinimumHeight(44)
        self.detail.setMinimumHeight(36)
        split = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay.addWidget(split, 1)
        row = QtWidgets.QHBoxLayout()
        self.dismiss_btn = QtWidgets.QPushButton("Dismiss")
        self.dismiss_btn.setToolTip("Hide this finding (remembered in the workshop; undoable)")
        self.dismiss_btn.clicked.connect(self.dismiss_current)
        self.backlog_btn = QtWidgets.QPushButton("Add to backlog")
        self.backlog_btn.setToolTip("Make an improvement action from the suggestion (undoable)")
        self.backlog_btn.clicked.connect(self.add_current_to_backlog)
        row.addWidget(self.dismiss_btn)
        row.addWidget(self.backlog_btn)
        lay.addLayout(row)
        self.betweenness_btn = QtWidgets.QPushButton("Find bottleneck cards")
        self.betweenness_btn.setToolTip(
            "Find the cards most of the journey's paths pass through (betweenness centrality).\n"
            "Not run on every edit: on a very big map it takes a while. The command line's\n"
            "'journeymapper analyze' always includes them, so its count of findings can be higher.")
        self.betweenness_btn.clicked.connect(self.compute_betweenness)
        lay.addWidget(self.betweenness_btn)
        self.setWidget(body)
        self._deferred = QTimer(self)
        self._deferred.setSingleShot(True)
        self._deferred.timeout.connect(lambda: self._fill())
        self._update_buttons()

    # -- filling ----------------------------------------------------------------------------------
    def _on_analysis(self, _a: Analysis) -> None:
        self._deferred.start(0)  # after the overlay: the two never share one event

    def _fill(self, force: bool = False) -> None:
        t0 = time.perf_counter()
        try:
            self._refill(force)
        finally:
            self.last_fill_s = time.perf_counter() - t0

    def _refill(self, force: bool) -> None:
        a = self.controller.current() if self.controller is not None else None
        if a is None:
            return
        _load_analysis()
        if not self._icons:
            self._icons = {s: severity_icon(s) for s in Severity}
        show_all = self.show_dismissed.isChecked()
        findings = [f for f in a.findings if show_all or not f.dismissed]
        key = (show_all, tuple((f.id, f.dismissed, f.severity, f.title) for f in findings))
        self._findings = {f.id: f for f in a.findings}
        self._update_summary(a)
        if key == self._shown_key and not force:
            self._update_buttons()
            return
        self._shown_key = key
        current = self.current_id()
        expanded = {top.data(0, ID_ROLE) for top in self._tops() if top.isExpanded()}
        first_fill = self.tree.topLevelItemCount() == 0
        groups: dict[str, list[Finding]] = {}
        for f in findings:
            groups.setdefault(f.kind, []).append(f)
        order = sorted(groups, key=lambda k: (-max(f.severity.weight for f in groups[k]),
                                              kind_label(k)))
        self._filling = True
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.clear()
            self._groups.clear()
            pick: QtWidgets.QTreeWidgetItem | None = None
            for kind in order:
                fs = sorted(groups[kind], key=lambda f: -f.severity.weight)
                worst = fs[0].severity
                top = QtWidgets.QTreeWidgetItem([f"{kind_label(kind)}  ({len(fs)})"])
                top.setData(0, ID_ROLE, f"kind:{kind}")
                top.setIcon(0, self._icons[worst])
                bold = top.font(0)
                bold.setBold(True)
                top.setFont(0, bold)
                top.setFlags(Qt.ItemFlag.ItemIsEnabled)
                open_ = f"kind:{kind}" in expanded or (first_fill and worst is Severity.CRITICAL)
                self._groups[f"kind:{kind}"] = fs
                if open_ or any(f.id == current for f in fs):
                    pick = self._add_children(top, fs, current) or pick
                else:  # children are made when the group is opened (big maps: thousands)
                    top.setChildIndicatorPolicy(
                        QtWidgets.QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
                self.tree.addTopLevelItem(top)
                top.setExpanded(open_)
            if pick is not None:
                parent = pick.parent()
                if parent is not None:
                    parent.setExpanded(True)
                self.tree.setCurrentItem(pick)
        finally:
            self.tree.setUpdatesEnabled(True)
            self._filling = False
        self._show_detail(self._findings.get(current or ""))
        self._update_buttons()

    def _add_children(self, top: QtWidgets.QTreeWidgetItem, fs: list[Finding], current: str | None,
                      start: int = 0, every: bool = False) -> QtWidgets.QTreeWidgetItem | None:
        """Items for ``fs[start:]``, at most BATCH of them unless ``every`` (or the current
        finding is further down), then a "more" item that adds the next batch when clicked."""
        pick = None
        end = len(fs) if every or current in {f.id for f in fs[start + BATCH:]} \
            else min(len(fs), start + BATCH)
        for f in fs[start:end]:
            it = QtWidgets.QTreeWidgetItem([f.title])
            it.setData(0, ID_ROLE, f.id)
            it.setIcon(0, self._icons[f.severity])
            it.setToolTip(0, plain.tip(f"{f.severity.value}: {f.message}\n→ {f.suggestion}"))
            if f.dismissed:
                grey = QtGui.QColor("#8A8F96")
                it.setForeground(0, QtGui.QBrush(grey, Qt.BrushStyle.SolidPattern))
                font = it.font(0)
                font.setItalic(True)
                it.setFont(0, font)
            top.addChild(it)
            if f.id == current:
                pick = it
        if end < len(fs):
            more = QtWidgets.QTreeWidgetItem([f"… {len(fs) - end} more (click to show)"])
            more.setData(0, ID_ROLE, f"more:{end}")
            more.setForeground(0, QtGui.QBrush(QtGui.QColor("#5A6570"), Qt.BrushStyle.SolidPattern))
            top.addChild(more)
        return pick

    def _more(self, item: QtWidgets.QTreeWidgetItem) -> None:
        key, top = item.data(0, ID_ROLE), item.parent()
        if not (isinstance(key, str) and key.startswith("more:")) or top is None:
            return
        group = top.data(0, ID_ROLE)
        top.removeChild(item)
        if isinstance(group, str) and group in self._groups:
            self._add_children(top, self._groups[group], None, int(key[5:]))

    def _expanded(self, top: QtWidgets.QTreeWidgetItem, every: bool = False) -> None:
        key = top.data(0, ID_ROLE)
        if not (isinstance(key, str) and key in self._groups):
            return
        n = top.childCount()
        last = top.child(n - 1) if n else None
        if n == 0:
            self._add_children(top, self._groups[key], None, every=every)
        elif every and last is not None and str(last.data(0, ID_ROLE)).startswith("more:"):
            self._more_all(top, last)

    def _more_all(self, top: QtWidgets.QTreeWidgetItem, more: QtWidgets.QTreeWidgetItem) -> None:
        key, group = more.data(0, ID_ROLE), top.data(0, ID_ROLE)
        top.removeChild(more)
        self._add_children(top, self._groups[group], None, int(key[5:]), every=True)

    def _update_summary(self, a: Analysis) -> None:
        by = a.summary.get("by_severity")
        n = a.summary.get("findings", 0)
        text = f"{n} findings"
        if isinstance(by, dict):
            text += " · " + ", ".join(f"{by.get(s.value, 0)} {s.value}" for s in
                                      (Severity.CRITICAL, Severity.WARNING, Severity.INFO))
        hidden = a.summary.get("dismissed", 0)
        if hidden:
            text += f" · {hidden} dismissed"
        zone = a.summary.get("journey_zone")
        if zone:
            text += f"\nJourney likely felt as {a.summary.get('likely_score')} ({zone})"
        self.summary.setText(text)

    # -- picking ----------------------------------------------------------------------------------
    def current_id(self) -> str | None:
        it = self.tree.currentItem()
        fid = it.data(0, ID_ROLE) if it is not None else None
        return fid if isinstance(fid, str) and fid in self._findings else None

    def current_finding(self) -> Finding | None:
        fid = self.current_id()
        return self._findings.get(fid) if fid else None

    def item_for(self, finding_id: str) -> QtWidgets.QTreeWidgetItem | None:
        for top in self._tops():
            self._expanded(top, every=True)
            for j in range(top.childCount()):
                child = top.child(j)
                if child is not None and child.data(0, ID_ROLE) == finding_id:
                    return child
        return None

    def _tops(self) -> list[QtWidgets.QTreeWidgetItem]:
        t = self.tree
        return [it for i in range(t.topLevelItemCount()) if (it := t.topLevelItem(i)) is not None]

    def _current_changed(self, cur: QtWidgets.QTreeWidgetItem | None, _prev: object) -> None:
        if self._filling:
            return
        fid = cur.data(0, ID_ROLE) if cur is not None else None
        self._show_detail(self._findings.get(fid) if isinstance(fid, str) else None)
        self._update_buttons()
        if cur is not None:
            self._show_on_map(cur)

    def _clicked(self, it: QtWidgets.QTreeWidgetItem, _column: int) -> None:
        if str(it.data(0, ID_ROLE)).startswith("more:"):
            self._more(it)
        else:
            self._show_on_map(it)

    def _show_on_map(self, it: QtWidgets.QTreeWidgetItem) -> None:
        _load_analysis()
        fid = it.data(0, ID_ROLE)
        f = self._findings.get(fid) if isinstance(fid, str) else None
        if f is None:
            return
        refs = refs_of(self.session.doc, f)
        if refs:
            self.view.select_entities(refs, center=True)
        self.findingPicked.emit(f.id)

    def _show_detail(self, f: Finding | None) -> None:
        if f is None:
            self.detail.setHtml("<p style='color:#666'>Pick a finding to read it out and see "
                                "it on the map.</p>")
            return
        _load_analysis()
        sev = SEVERITY_COLORS[f.severity]
        html = (f"<p><b style='color:{sev}'>{f.severity.value.upper()}</b> · "
                f"{_esc(kind_label(f.kind))}</p><p><b>{_esc(f.title)}</b></p>"
                f"<p>{_esc(f.message)}</p><p><i>Suggested:</i> {_esc(f.suggestion)}</p>")
        if f.dismissed:
            html += "<p style='color:#666'>Dismissed by the room.</p>"
        if in_backlog(self.session.doc, f.id):
            html += "<p style='color:#666'>Already in the backlog.</p>"
        self.detail.setHtml(html)

    def _update_buttons(self) -> None:
        f = self.current_finding()
        ro = bool(getattr(self.session.doc, "read_only", False))
        self.dismiss_btn.setEnabled(f is not None and not ro)
        dismissed = f is not None and f.id in self.session.doc.dismissed
        self.dismiss_btn.setText("Show again" if dismissed else "Dismiss")
        self.backlog_btn.setEnabled(f is not None and not ro)

    # -- commands ---------------------------------------------------------------------------------
    def dismiss_current(self) -> bool:
        _load_analysis()
        f = self.current_finding()
        return f is not None and self.session.do(dismiss_edit(self.session.doc, f))

    def add_current_to_backlog(self) -> str | None:
        """Add the current finding's action; its id, or None."""
        _load_analysis()
        f = self.current_finding()
        if f is None:
            return None
        edit = backlog_edit(self.session.doc, f)
        if not self.session.do(edit):
            return None
        self._show_detail(f)
        return edit.ops[-1].entity.id

    def compute_betweenness(self) -> None:
        if self.controller is None:  # no analysis yet (the window attaches it after painting)
            return
        QtWidgets.QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = self.controller.compute_betweenness()
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        self.betweenness_btn.setText(f"Bottleneck cards found: {len(found)} (find again)")


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
