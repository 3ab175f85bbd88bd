"""Start page: new from a template, open a file, recent workshops and the sample workshops."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, Signal, SignalInstance
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
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
from journeymapper.ui.settings import recent_label

STYLE = """
QWidget#startPage { background: #f4f6f9; }
QPushButton#templateCard { text-align: left; border: 1px solid #c9d2de; border-radius: 10px;
    background: #ffffff; }
QPushButton#templateCard:hover, QPushButton#templateCard:focus { border: 2px solid #2f6fdb;
    background: #f3f7ff; }
QLabel#cardTitle { font-size: 13pt; font-weight: 600; color: #1f2a37; }
QLabel#cardText { font-size: 10.5pt; color: #4a5563; }
QLabel#heading { font-size: 13pt; font-weight: 600; color: #1f2a37; margin-top: 12px; }
QListWidget { font-size: 11pt; border: 1px solid #c9d2de; border-radius: 8px; background: white; }
QListWidget::item { padding: 8px 6px; }
QPushButton#openButton { font-size: 11pt; padding: 8px 18px; }
"""


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


class StartPage(QWidget):
    templateChosen = Signal(str)
    openRequested = Signal()
    fileChosen = Signal(object)  # Path of a recent workshop
    sampleChosen = Signal(object)  # Path of a shipped sample (the controller copies it first)

    def __init__(self, recent: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        self.setWindowTitle("JourneyMapper")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet(STYLE)
        self.setAcceptDrops(True)  # drop .jmw files here to open them
        title = QLabel("<span style='font-size:26pt; font-weight:700; color:#1f3a5f'>"
                       "JourneyMapper</span><br><span style='font-size:12pt; color:#4a5563'>"
                       "Map a customer journey live with the room: stages, departments, "
                       "touch-points, pain points and votes.</span>")
        title.setWordWrap(True)
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
        self.recent = self._list([(recent_label(p), str(p), p) for p in recent],
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
        w = QListWidget()
        for text, tip, path in rows:
            item = QListWidgetItem(text)
            item.setToolTip(tip)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            w.addItem(item)
        if not rows:
            w.addItem(QListWidgetItem(empty))
            w.setEnabled(False)
        role = Qt.ItemDataRole.UserRole
        w.itemActivated.connect(lambda it: signal.emit(Path(str(it.data(role)))))
        return w
