"""Start page: new from a template, open a file, recent workshops and the sample workshops."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal, SignalInstance
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QPalette,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from journeymapper.model.templates import TEMPLATES
from journeymapper.samples import samples_dir
from journeymapper.ui import plain
from journeymapper.ui.prefs import type_scale
from journeymapper.ui.settings import recent_label

# The page's look, in the theme's colours and at its type size (the projector theme's larger
# type included): sizes are the light theme's, times ``prefs.type_scale``.
STYLE = """
QWidget#startPage { background: %(window)s; }
QPushButton#templateCard { text-align: left; border: 1px solid %(border)s; border-radius: 10px;
    background: %(base)s; }
QPushButton#templateCard:hover, QPushButton#templateCard:focus { border: 2px solid %(accent)s;
    background: %(hover)s; }
QLabel#cardTitle { font-size: %(pt13)spt; font-weight: 600; color: %(text)s; }
QLabel#cardText { font-size: %(pt10_5)spt; color: %(muted)s; }
QLabel#heading { font-size: %(pt13)spt; font-weight: 600; color: %(window_text)s;
    margin-top: 12px; }
QLabel#pageTitle { font-size: %(pt26)spt; font-weight: 700; color: %(brand)s; }
QLabel#pageSubtitle { font-size: %(pt12)spt; color: %(window_muted)s; }
QListWidget { font-size: %(pt11)spt; border: 1px solid %(border)s; border-radius: 8px;
    background: %(base)s; color: %(text)s; }
QListWidget:disabled { color: %(disabled_text)s; }
QListWidget::item { padding: 8px 6px; }
QPushButton#openButton { font-size: %(pt11)spt; padding: 8px 18px; }
"""


def _mix(a: QColor, b: QColor, t: float) -> str:
    """``a`` moved ``t`` of the way to ``b``, as #rrggbb."""
    return QColor(round(a.red() + (b.red() - a.red()) * t),
                  round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t)).name()


def style_sheet(palette: QPalette, scale: float = 1.0) -> str:
    """The start page's style sheet for ``palette`` with type ``scale`` times the light theme's."""
    role = QPalette.ColorRole
    base, text = palette.color(role.Base), palette.color(role.Text)
    window, window_text = palette.color(role.Window), palette.color(role.WindowText)
    accent = palette.color(role.Highlight)
    dark = window.lightness() < 128
    values = {
        "window": _mix(window, base, 0.4), "base": base.name(), "text": text.name(),
        "window_text": window_text.name(), "muted": _mix(text, base, 0.3),
        "window_muted": _mix(window_text, window, 0.3), "border": _mix(base, text, 0.22),
        "accent": accent.name(), "hover": _mix(base, accent, 0.07),
        "brand": "#AECBFA" if dark else "#1F3A5F",
        "disabled_text": palette.color(QPalette.ColorGroup.Disabled, role.Text).name(),
    }
    for pt in (10.5, 11, 12, 13, 26):
        values[f"pt{pt:g}".replace(".", "_")] = f"{pt * scale:.3g}"
    return STYLE % values


def jmw_paths(mime: QMimeData) -> list[Path]:
    """The workshop files in a drag from the file manager."""
    return [Path(u.toLocalFile()) for u in mime.urls()
            if u.isLocalFile() and u.toLocalFile().lower().endswith(".jmw")]


def sample_files() -> list[Path]:
    folder = samples_dir()
    return sorted(folder.glob("*.jmw")) if folder.is_dir() else []


def sample_label(path: Path) -> str:
    words = [w.upper() if len(w) <= 2 else w for w in path.stem.split("-")]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


class TemplateCard(QPushButton):
    def __init__(self, title: str, description: str) -> None:
        super().__init__()
        self.setObjectName("templateCard")
        self.setMinimumHeight(104)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(title)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(18, 12, 18, 12)
        for text, name in ((title, "cardTitle"), (description, "cardText")):
            label = QLabel(text)
            label.setTextFormat(Qt.TextFormat.PlainText)  # a template's or sample's own title
            label.setObjectName(name)
            label.setWordWrap(True)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            lay.addWidget(label)


FULL_TEXT = Qt.ItemDataRole.UserRole + 1  # an item's text before it was cut to the list's width


class ElidingList(QListWidget):
    """A list whose items' lines end in "…" at its edge: a long title or folder ran under a
    horizontal scroll bar. (Qt's own eliding takes an item's lines as one; word wrap misjudged
    the height of items with two lines.) The whole text is kept under ``FULL_TEXT``."""

    def __init__(self) -> None:
        super().__init__()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.elide()

    def elide(self) -> None:
        fm = self.fontMetrics()
        room = self.viewport().width() - 2 * self.spacing() - 24  # less the text margins
        for n in range(self.count()):
            item = self.item(n)
            full = item.data(FULL_TEXT)
            if isinstance(full, str):
                item.setText("\n".join(
                    fm.elidedText(line, Qt.TextElideMode.ElideRight if k == 0
                                  else Qt.TextElideMode.ElideMiddle, room)
                    for k, line in enumerate(full.split("\n"))))


class StartPage(QWidget):
    templateChosen = Signal(str)
    openRequested = Signal()
    fileChosen = Signal(object)  # Path of a recent workshop
    sampleChosen = Signal(object)  # Path of a shipped sample (the controller copies it first)

    def __init__(self, recent: Sequence[tuple[Path, str]],
                 parent: QWidget | None = None) -> None:
        """``recent``: (path, title when last open) pairs, newest first."""
        super().__init__(parent)
        self.setObjectName("startPage")
        self.setWindowTitle("JourneyMapper")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._restyle()
        self.setAcceptDrops(True)  # drop .jmw files here to open them
        title = QLabel("JourneyMapper")
        title.setObjectName("pageTitle")
        subtitle = QLabel("Map a customer journey live with the room: stages, departments, "
                          "touch-points, pain points and votes.")
        subtitle.setObjectName("pageSubtitle")
        subtitle.setWordWrap(True)
        grid = QGridLayout()
        grid.setSpacing(12)
        self.template_buttons: dict[str, QPushButton] = {}
        for n, tpl in enumerate(TEMPLATES.values()):
            b = TemplateCard(tpl.title, tpl.description)
            b.clicked.connect(lambda _c=False, name=tpl.name: self.templateChosen.emit(name))
            grid.addWidget(b, n // 2, n % 2)
            self.template_buttons[tpl.name] = b
        self.open_button = QPushButton("Open a workshop…")
        self.open_button.setObjectName("openButton")
        self.open_button.clicked.connect(self.openRequested)
        self.open_button.setToolTip("Ctrl+O")
        self.open_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Open), self)
        self.open_shortcut.activated.connect(self.openRequested)
        # the same keys as in a workshop's window: there is no menu bar here to find them in
        # (Ctrl+Q spelled out: StandardKey.Quit has no key on some platforms, offscreen one)
        self.quit_shortcuts = [QShortcut(QKeySequence("Ctrl+Q"), self),
                               QShortcut(QKeySequence.StandardKey.Close, self)]
        for shortcut in self.quit_shortcuts:
            shortcut.activated.connect(self.close)
        self.help_shortcut = QShortcut(QKeySequence("F1"), self)
        self.help_shortcut.activated.connect(self._show_keys)
        self.recent = self._list([(recent_label(p, t, sep="\n"), str(p), p) for p, t in recent],
                                 "No recent workshops yet", self.fileChosen)
        self.samples = self._list([(sample_label(p),
                                    "Opens your own copy; the shipped sample stays as it is", p)
                                   for p in sample_files()],
                                  "No sample workshops found", self.sampleChosen)
        lists = QHBoxLayout()
        lists.setSpacing(12)
        for label, widget in (("Recent workshops", self.recent),
                              ("Sample workshops to try", self.samples)):
            col = QVBoxLayout()
            col.addWidget(self._heading(label))
            col.addWidget(widget)
            lists.addLayout(col)
        body = QWidget()
        body.setMaximumWidth(1200)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(title)
        lay.addWidget(subtitle)
        lay.addWidget(self._heading("New workshop from a template"))
        lay.addLayout(grid)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addLayout(lists, 1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(40, 28, 40, 28)
        outer.addStretch(1)
        outer.addWidget(body, 20)
        outer.addStretch(1)
        self.resize(1000, 720)

    def _restyle(self) -> None:
        self.setStyleSheet(style_sheet(QApplication.palette(), type_scale()))

    def event(self, e: QEvent) -> bool:
        # a theme chosen while the page is open: its colours and type (a style sheet holds both)
        if e.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.ApplicationFontChange):
            self._restyle()
        return super().event(e)

    def _show_keys(self) -> None:
        from journeymapper.ui.dialogs.help import show_keys

        show_keys(self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if jmw_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for path in jmw_paths(event.mimeData()):
            self.fileChosen.emit(path)
        event.acceptProposedAction()

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("heading")
        return label

    def _list(self, rows: list[tuple[str, str, Path]], empty: str,
              signal: SignalInstance) -> QListWidget:
        w = ElidingList()
        for text, tip, path in rows:
            item = QListWidgetItem(text)
            item.setData(FULL_TEXT, text)
            item.setToolTip(plain.tip(tip))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            w.addItem(item)
        if not rows:
            w.addItem(QListWidgetItem(empty))
            w.setEnabled(False)
        role = Qt.ItemDataRole.UserRole
        w.itemActivated.connect(lambda it: signal.emit(Path(str(it.data(role)))))
        return w
