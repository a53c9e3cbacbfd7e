"""Asking whether a tool call may run, inline: a card docked at the foot of the transcript, under the answer that
asked, with the server, the tool and its arguments as plain text (never markup) and four answers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from .i18n import translate
from .style import SPACE, primary, set_icon

if TYPE_CHECKING:
    from app.core.mcp.approval import Decision

    from .tool_session import PendingApproval

ARGUMENT_LINES = 8  # shown at once; longer arguments scroll


class ApprovalCard(QFrame):
    """One question at a time: `ask(pending)` shows it, an answer settles it (`answered`), `clear` hides it."""

    answered = Signal(object)  # the Decision taken

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("toolApproval")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setAccessibleName(translate("ToolApproval", "Tool call waiting for approval"))
        self.pending: PendingApproval | None = None
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # names come from a server: never markup
        self.title.setWordWrap(True)
        self.title.setObjectName("toolApprovalTitle")
        self.arguments = QPlainTextEdit()
        self.arguments.setObjectName("toolApprovalArguments")
        self.arguments.setReadOnly(True)
        self.arguments.setAccessibleName(translate("ToolApproval", "The tool call's arguments"))
        self.arguments.setTabChangesFocus(True)
        self.arguments.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.arguments.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.once_button = primary(self._button(translate("ToolApproval", "Run once"), "wrench", "run_tool_once",
                                                translate("ToolApproval", "Run this call now; ask again next time")))
        self.conversation_button = self._button(translate("ToolApproval", "Allow in chat"), "message-square-plus",
                                                "allow_tool_chat",
                                                translate("ToolApproval", "Run it, and run this tool unasked for the "
                                                                          "rest of this conversation"))
        self.always_button = self._button(translate("ToolApproval", "Always allow"), "pin", "allow_tool_always",
                                          translate("ToolApproval", "Run it, and always run this tool unasked "
                                                                    "(Settings › MCP servers lists what is always "
                                                                    "allowed)"))
        self.decline_button = self._button(translate("ToolApproval", "Decline"), "x", "decline_tool",
                                           translate("ToolApproval", "Do not run it; the model is told you declined"))
        answers = ((self.once_button, "once"), (self.conversation_button, "conversation"),
                   (self.always_button, "always"), (self.decline_button, "decline"))  # Decision's values
        for button, value in answers:
            button.clicked.connect(lambda _checked=False, v=value: self._clicked(v))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACE[1])
        for button in (self.once_button, self.conversation_button, self.always_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.decline_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(SPACE[2], SPACE[2], SPACE[2], SPACE[2])
        column.setSpacing(SPACE[1])
        column.addWidget(self.title)
        column.addWidget(self.arguments)
        column.addLayout(row)
        self.hide()

    def _button(self, text: str, icon: str, name: str, tip: str) -> QPushButton:
        """A button whose `text` and `tip` are translated already."""
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        set_icon(button, icon)
        return button

    def ask(self, pending: PendingApproval) -> None:
        """Show this question (server, tool, arguments) in place of any other."""
        from app.core.mcp.approval import safe_text

        from .tool_blocks import arguments_text

        self.pending = pending
        request = pending.request
        self.title.setText(translate("ToolApproval", "Run the tool {tool} on the MCP server {server}? Nothing runs "
                                                     "until you say so.").format(
                    tool=safe_text(request.tool), server=safe_text(request.server)))
        text = safe_text(arguments_text(request.arguments), keep="\n")
        self.arguments.setPlainText(text)
        lines = min(ARGUMENT_LINES, text.count("\n") + 1)
        self.arguments.setFixedHeight(self.arguments.fontMetrics().lineSpacing() * lines + SPACE[3])
        self.show()

    def _clicked(self, value: str) -> None:
        from app.core.mcp.approval import Decision  # (core's MCP modules load when a tool is first asked about)

        self.decide(Decision(value))

    def decide(self, decision: Decision) -> None:
        pending, self.pending = self.pending, None
        if pending is not None:
            pending.decide(decision)
            self.answered.emit(decision)
        self.hide()

    def clear(self, pending: PendingApproval | None = None) -> None:
        """Take the question away (answered or stopped); with `pending`, only if it is the one shown."""
        if pending is None or pending is self.pending:
            self.pending = None
            self.hide()
