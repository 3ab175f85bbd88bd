"""Start page: new from a template, open a file, recent workshops and the sample workshops."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, SignalInstance
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

CARD_STYLE = """
QPushButton#templateCard { text-align: left; padding: 14px 16px; border: 1px solid #c9d2de;
    border-radius: 10px; background: #ffffff; font-size: 12pt; }
QPushButton#templateCard:hover, QPushButton#templateCard:focus { border: 2px solid #2f6fdb;
    background: #f3f7ff; }
QListWidget { font-size: 11pt; }
"""


def sample_files() -> list[Path]:
    folder = samples_dir()
    return sorted(folder.glob("*.jmw")) if folder.is_dir() else []


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
        self.setStyleSheet(CARD_STYLE)
        title = QLabel("<h1>JourneyMapper</h1><p>Map a customer journey live with the room: "
                       "stages, departments, touch-points, pain points and votes.</p>")
        title.setWordWrap(True)
        grid = QGridLayout()
        self.template_buttons: dict[str, QPushButton] = {}
        for n, tpl in enumerate(TEMPLATES.values()):
            b = QPushButton(f"{tpl.title}\n{tpl.description}")
            b.setObjectName("templateCard")
            b.setMinimumHeight(84)
            b.clicked.connect(lambda _c=False, name=tpl.name: self.templateChosen.emit(name))
            grid.addWidget(b, n // 2, n % 2)
            self.template_buttons[tpl.name] = b
        open_button = QPushButton("Open a workshop…")
        open_button.clicked.connect(self.openRequested)
        self.open_button = open_button
        self.recent = self._list([(p.name, str(p), p) for p in recent],
                                 "No recent workshops yet", self.fileChosen)
        self.samples = self._list([(p.stem.replace("-", " ").capitalize(),
                                    "Opens a copy in your folder; the sample stays as shipped", p)
                                   for p in sample_files()],
                                  "No sample workshops found", self.sampleChosen)
        lists = QHBoxLayout()
        for label, widget in (("Recent workshops", self.recent),
                              ("Sample workshops", self.samples)):
            col = QVBoxLayout()
            col.addWidget(QLabel(f"<h3>{label}</h3>"))
            col.addWidget(widget)
            lists.addLayout(col)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 24, 32, 24)
        lay.addWidget(title)
        lay.addWidget(QLabel("<h3>New workshop from a template</h3>"))
        lay.addLayout(grid)
        row = QHBoxLayout()
        row.addWidget(open_button)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addLayout(lists, 1)
        self.resize(900, 680)

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
