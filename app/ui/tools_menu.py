"""The composer's Tools control: which MCP tools the conversation offers, chosen per server and per tool, with what
each server's schemas add to every request (an estimate: they go with each model call of a turn)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .i18n import count, number, say, translate
from .loop import spawn
from .style import SPACE, flat, set_icon
from .tool_session import ToolSession

CHECKED, UNCHECKED, PARTLY = Qt.CheckState.Checked, Qt.CheckState.Unchecked, Qt.CheckState.PartiallyChecked
NAME_ROLE = Qt.ItemDataRole.UserRole


def tokens_text(tokens: int) -> str:
    if tokens >= 1000:
        return translate("ToolsMenu", "~{thousands}k tokens").format(thousands=number(tokens / 1000, 1))
    return translate("ToolsMenu", "~{tokens} tokens").format(tokens=count(tokens))


class ToolsPopup(QFrame):
    """The list under the Tools button: servers and their tools with checkboxes, each server's cost."""

    settings_requested = Signal()

    def __init__(self, tools: ToolSession, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("toolsPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.tools = tools
        self._filling = False
        self._choosing = False
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget()
        self.tree.setObjectName("toolsTree")
        self.tree.setAccessibleName(translate("ToolsMenu", "MCP servers and their tools"))
        self.tree.setHeaderLabels([translate("ToolsMenu", "Server or tool"), translate("ToolsMenu", "Schemas per "
                                                                                                    "request")])
        self.tree.itemChanged.connect(self._changed)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setProperty("muted", True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.all_button = QPushButton(translate("ToolsMenu", "All"))
        self.all_button.setToolTip(translate("ToolsMenu", "Offer every tool of the enabled servers"))
        self.none_button = QPushButton(translate("ToolsMenu", "None"))
        self.none_button.setToolTip(translate("ToolsMenu", "Offer no tools in this conversation"))
        self.settings_button = QPushButton(translate("ToolsMenu", "MCP servers…"))
        self.settings_button.setToolTip(translate("ToolsMenu", "Add, remove and set up MCP servers (Settings)"))
        self.all_button.clicked.connect(lambda: self._choose(None))
        self.none_button.clicked.connect(lambda: self._choose([]))
        self.settings_button.clicked.connect(self._open_settings)
        row = QHBoxLayout()
        for button in (self.all_button, self.none_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.settings_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(SPACE[2], SPACE[2], SPACE[2], SPACE[2])
        column.addWidget(self.note)
        column.addWidget(self.tree, 1)
        column.addWidget(self.status)
        column.addLayout(row)
        self.resize(460, 360)
        tools.listing_changed.connect(self.fill)
        tools.choice_changed.connect(self.fill)

    def fill(self) -> None:
        """The servers as last listed, checked as the conversation chose."""
        if not shiboken6.isValid(self) or self._choosing:
            return
        from app.core.mcp.tools import schema_cost  # (the price catalog's token estimate: not before first paint)

        tools = self.tools
        listing = tools.mcp.listing
        chosen = {(t.server, t.name) for t in tools.offered()}
        costs = tools.costs()
        self._filling = True
        self.tree.clear()
        for server in tools.mcp.enabled_servers():
            own = [t for t in listing.tools if t.server == server and t.enabled]
            item = QTreeWidgetItem([server, tokens_text(costs[server].tokens) if server in costs
                                    else translate("ToolsMenu", "not started")])
            item.setData(0, NAME_ROLE, server)
            item.setToolTip(1, translate("ToolsMenu", "What this server's chosen tools add to every request: an "
                                                      "estimate from the JSON sent"))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsAutoTristate)
            problem = listing.problems.get(server)
            if problem:
                item.setText(1, translate("ToolsMenu", "not available"))
                item.setToolTip(0, say(problem))
            for tool in own:
                child = QTreeWidgetItem([tool.title or tool.name, tokens_text(schema_cost([tool]).tokens)])
                child.setData(0, NAME_ROLE, tool.name)
                child.setToolTip(0, f"{tool.name}: {tool.description}" if tool.description else tool.name)
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, CHECKED if (server, tool.name) in chosen else UNCHECKED)
                item.addChild(child)
            if not own:
                item.setCheckState(0, UNCHECKED if tools.choice == [] or (tools.choice is not None and server not in
                                                                            tools.choice) else CHECKED)  # fmt: skip
            self.tree.addTopLevelItem(item)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self._filling = False
        total = sum(c.tokens for c in costs.values())
        if tools.mcp.enabled_servers():
            self.note.setText(translate("ToolsMenu", "Tools offered in this conversation. Their schemas go with "
                                                     "every request: about {tokens} tokens each time (an estimate; a "
                                                     "turn with tools makes several requests).").format(
                    tokens=count(total)))
        else:
            self.note.setText(translate("ToolsMenu", "No MCP server is turned on. Add one in Settings › MCP servers."))
        waiting = tools.unlisted()
        self.status.setText(translate("ToolsMenu", "Starting {servers} to list their tools…").format(
            servers=", ".join(waiting)) if waiting and self.isVisible() else "")

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.fill()
        if self.tools.unlisted():
            spawn(self.tools.refresh())

    def _changed(self, _item: QTreeWidgetItem, _column: int) -> None:
        if self._filling:
            return
        self._choosing = True  # the tree stays as ticked (rebuilding it would delete the item being changed)
        try:
            self.tools.set_choice(self.choice())
        finally:
            self._choosing = False
        self._show_costs()

    def _show_costs(self) -> None:
        costs = self.tools.costs()
        self._filling = True
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            server = str(item.data(0, NAME_ROLE)) if item is not None else ""
            if item is not None and server in costs:
                item.setText(1, tokens_text(costs[server].tokens))
        self._filling = False

    def choice(self) -> list[str] | None:
        """The tree as a choice: None when everything is ticked, else `SERVER` and `SERVER/TOOL` entries."""
        out: list[str] = []
        everything = True
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item is None:
                continue
            server = str(item.data(0, NAME_ROLE))
            state = item.checkState(0)
            if state == CHECKED:
                out.append(server)
                continue
            everything = False
            if state == PARTLY:
                for j in range(item.childCount()):
                    child = item.child(j)
                    if child is not None and child.checkState(0) == CHECKED:
                        out.append(f"{server}/{child.data(0, NAME_ROLE)}")
        return None if everything else out

    def _choose(self, choice: list[str] | None) -> None:
        self.tools.set_choice(choice)

    def _open_settings(self) -> None:
        self.hide()
        self.settings_requested.emit()


class ToolsButton(QToolButton):
    """"Tools" in the composer: how many tools the conversation offers and what they cost; a click lists them."""

    settings_requested = Signal()  # the user wants to set up MCP servers

    def __init__(self, tools: ToolSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        flat(self)
        self.setObjectName("tools")
        self.setAccessibleName(translate("ToolsMenu", "Tools"))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        set_icon(self, "wrench")
        self.tools = tools
        self.popup: ToolsPopup | None = None
        self.clicked.connect(self.open_popup)
        tools.listing_changed.connect(self.refresh)
        tools.choice_changed.connect(self.refresh)
        self.setText(translate("ToolsMenu", "Tools"))  # counted by `refresh`, after the first paint
        self.setToolTip(translate("ToolsMenu", "Let the model use MCP tools"))

    def refresh(self) -> None:
        tools = self.tools
        if not tools.available:
            self.setText(translate("ToolsMenu", "Tools"))
            self.setToolTip(translate("ToolsMenu", "Let the model use MCP tools: add a server in Settings › MCP "
                                                   "servers"))
            return
        if tools.choice == []:
            self.setText(translate("ToolsMenu", "Tools: off"))
            self.setToolTip(translate("ToolsMenu", "This conversation offers no tools; click to choose some"))
            return
        offered = tools.offered()
        tokens = sum(c.tokens for c in tools.costs().values())
        unknown = tools.unlisted()
        counted = count(len(offered)) + ("+" if unknown else "")
        self.setText(translate("ToolsMenu", "Tools: {count}").format(count=counted) if offered or unknown
                     else translate("ToolsMenu", "Tools: none"))  # fmt: skip
        said = [translate("ToolsMenu", "Tools this conversation offers: {count}.").format(count=count(len(offered)))]
        if offered:
            said.append(translate("ToolsMenu", "Their schemas add about {tokens} tokens to every request (an "
                                  "estimate).").format(tokens=count(tokens)))
        if unknown:
            said.append(translate("ToolsMenu", "{servers} not started yet: counted once listed.").format(
                servers=", ".join(unknown)))
        said.append(translate("ToolsMenu", "Click to choose."))
        self.setToolTip(" ".join(said))

    def open_popup(self) -> ToolsPopup:
        if self.popup is None or not shiboken6.isValid(self.popup):
            self.popup = ToolsPopup(self.tools, self)
            self.popup.settings_requested.connect(self.settings_requested)
        popup = self.popup
        below = self.mapToGlobal(QPoint(0, 0))
        popup.move(below.x(), below.y() - popup.height() - 4)  # above the composer, over the transcript
        popup.show()
        return popup
