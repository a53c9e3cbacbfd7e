"""The chat panel: the model bar, the transcript, the answer bar and the composer, wired to the controller."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from .answer_bar import AnswerBar
from .chat_controller import ChatController, ProviderChoice
from .chat_extras import ChatExtras
from .composer import Composer
from .empty_states import ConversationStart
from .exact_costs import ExactCosts
from .i18n import count, say, translate
from .incomplete import reply_marker
from .library import Library, entries
from .loop import spawn
from .model_bar import DEFAULT_PROVIDER, ModelBar
from .style import SPACE
from .tool_approval import ApprovalCard
from .tools_menu import ToolsButton
from .transcript import TranscriptView
from .wording import error_lines, footer_text, total_text, usd

if TYPE_CHECKING:
    from app.core.chat import Reply
    from app.core.history import Estimate
    from app.core.settings import Preset
    from app.store import MessageRow

    from .model_picker import ModelPicker

ESTIMATE_DELAY_MS = 250  # typing pauses this long before the next request's cost is estimated again


class ChatPanel(QWidget):
    status_changed = Signal(str)

    def __init__(self, controller: ChatController, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.library = library
        self._sent_prompt: str | None = None  # cleared from the box once the answer starts
        self.model_bar = ModelBar()
        self.composer = Composer()
        bar, composer = self.model_bar, self.composer
        # The parts' controls, named on the panel as well (what tests, menus and the window reach for).
        self.provider_box, self.model_box, self.base_url_edit = bar.provider_box, bar.model_box, bar.base_url_edit
        self.preset_box, self.choose_model_button, self.total_label = (bar.preset_box, bar.choose_model_button,
                                                                       bar.total_label)  # fmt: skip
        self.prompt_edit, self.send_button, self.stop_button = (composer.prompt_edit, composer.send_button,
                                                                composer.stop_button)  # fmt: skip
        self.estimate_label, self.params_button, self.attach_button = (composer.estimate_label, bar.params_button,
                                                                       composer.attach_button)  # fmt: skip
        self.attachments_label, self.remove_attachments_button = (composer.attachments_label,
                                                                  composer.remove_attachments_button)  # fmt: skip
        self.transcript = TranscriptView()
        self.answer_bar = AnswerBar()
        self.tools_button = ToolsButton(controller.tools)
        composer.row.insertWidget(1, self.tools_button)
        self.approval = ApprovalCard(self.transcript)  # a tool call waiting for the user, under the conversation
        self._last_prompt: MessageRow | None = None  # of the branch shown: what Edit and the switchers act on
        self._last_answer: MessageRow | None = None
        self._editing: int | None = None  # the prompt being edited (sent as a new branch)
        self._estimate_timer = QTimer(self)
        self._estimate_timer.setSingleShot(True)
        self._estimate_timer.setInterval(ESTIMATE_DELAY_MS)
        self._estimate_timer.timeout.connect(self._estimate_now)
        self._estimate_generation = 0  # results of estimates started before the last change are dropped
        self._catalog_started = False
        self.override_button = QPushButton(translate("ChatPanel", "Send anyway (this once)"))
        self.override_button.setObjectName("send_anyway")
        self.override_button.setToolTip(translate("ChatPanel", "Send the refused prompt despite the budget; later "
                                                  "requests are checked again"))
        self.override_row = QWidget()
        row = QHBoxLayout(self.override_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.override_button)
        row.addStretch(1)
        self.override_row.setVisible(False)
        # Window-wide shortcuts, also listed in the window's Chat menu.
        self.send_action = QAction(translate("ChatPanel", "&Send"), self)
        self.send_action.setShortcuts([QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")])
        self.stop_action = QAction(translate("ChatPanel", "S&top"), self)
        self.stop_action.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.stop_action.setEnabled(False)
        self.switch_model_action = QAction(translate("ChatPanel", "Switch &model…"), self)
        self.switch_model_action.setShortcut(QKeySequence("Ctrl+K"))
        self.params_action = QAction(translate("ChatPanel", "Conversation &parameters…"), self)
        self.params_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.attach_action = QAction(translate("ChatPanel", "&Attach images or documents…"), self)
        self.attach_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        for action in (self.send_action, self.stop_action, self.switch_model_action, self.params_action,
                       self.attach_action):  # fmt: skip
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        self.model_picker: ModelPicker | None = None  # the open picker (one at a time)
        self._layout()
        self.conversation_start = ConversationStart(self.transcript, self.model_bar)  # says what to do, while empty
        self.total_label.setVisible(False)  # until something was spent (show_total)

        self.send_button.clicked.connect(self._send_clicked)
        self.prompt_edit.submitted.connect(self._send_clicked)
        self.send_action.triggered.connect(self._send_clicked)
        self.stop_button.clicked.connect(self.controller.stop)
        self.stop_action.triggered.connect(self.controller.stop)
        self.override_button.clicked.connect(self._override_clicked)
        bar.preset_chosen.connect(self.apply_preset)
        bar.not_offered.connect(self.status_changed)
        self.choose_model_button.clicked.connect(self.choose_model)
        self.switch_model_action.triggered.connect(self.choose_model)
        self.params_button.clicked.connect(self.edit_params)
        self.params_action.triggered.connect(self.edit_params)
        self.attach_action.triggered.connect(self.choose_images)
        composer.problem.connect(self._attach_problem)
        composer.attachments_changed.connect(self._warn_if_blind)
        composer.sendable_changed.connect(lambda _sendable: self._sync_buttons())
        self.prompt_edit.textChanged.connect(self.schedule_estimate)
        bar.changed.connect(self.schedule_estimate)
        controller.saved.connect(self.schedule_estimate)
        controller.turn_started.connect(self._turn_started)
        controller.delta.connect(self._delta)
        controller.shown_finished.connect(self._finished)
        controller.failed.connect(self._failed)
        controller.busy_changed.connect(self._busy_changed)
        controller.status_changed.connect(self.status_changed)
        self.transcript.reasoning_requested.connect(self._show_reasoning)
        self.transcript.delete_requested.connect(self._delete_message)
        self.transcript.copy_done.connect(self.status_changed)
        self.transcript.link_hovered.connect(lambda url: self.status_changed.emit(url) if url else None)
        answers = self.answer_bar
        answers.regenerate_button.clicked.connect(self._regenerate_clicked)
        answers.edit_button.clicked.connect(self.edit_last_prompt)
        answers.answer_switcher.switch_to.connect(self.switch_branch)
        answers.prompt_switcher.switch_to.connect(self.switch_branch)
        self.reasoning_box: QMessageBox | None = None
        self.extras = ChatExtras(self)  # web search, documents, sources
        self.exact_costs = ExactCosts(self)  # footers follow a provider's exact figure when it arrives
        self._wire_tools()
        self._sync_buttons()  # Send stays off until there is something to send

    def _wire_tools(self) -> None:
        """MCP tools: the composer's choice, calls drawn in the transcript as they happen, approvals inline."""
        tools, view = self.controller.tools, self.transcript
        self.setTabOrder(self.attach_button, self.tools_button)
        tools.choice_changed.connect(self.schedule_estimate)
        tools.listing_changed.connect(self.schedule_estimate)
        tools.problem.connect(self._tool_problem)
        tools.approval_asked.connect(self._approval_changed)
        tools.approval_ended.connect(self._approval_changed)
        self.approval.answered.connect(lambda _d: self._approval_changed())
        self.controller.tool_stream.connect(view.tools.stream)
        self.controller.tool_call.connect(view.tools.record)
        view.steps_requested.connect(self.show_steps)

    def _tool_problem(self, message: str) -> None:
        self.transcript.add_warning(say(message))
        self.status_changed.emit(say(message))

    def _approval_changed(self, _pending: object = None) -> None:
        """Show the first call of the conversation shown that waits for the user (or none); say when one waits
        in another conversation."""
        tools = self.controller.tools
        waiting = tools.waiting(self.controller.conversation_id)
        if waiting is None:
            self.approval.clear()
        elif waiting is not self.approval.pending:
            self.approval.ask(waiting)
            self.status_changed.emit(translate("ChatPanel", "{tool} on {server} waits for your approval.").format(
                tool=waiting.request.tool, server=waiting.request.server))
        self.transcript.dock(self.approval if waiting is not None else None)
        others = [p for p in tools.pending if p is not waiting and p.request.conversation_id
                  != self.controller.conversation_id]  # fmt: skip
        if others and waiting is None:
            self.status_changed.emit(translate("ChatPanel", "A tool call in another conversation waits for your "
                                                "approval."))

    def show_steps(self, message_id: int) -> None:
        """An answer's model calls: each one's tokens, cost and time (from the ledger)."""
        from .turn_steps_view import open_turn_steps

        open_turn_steps(self, self.controller.runtime, message_id)

    def _layout(self) -> None:
        self.setObjectName("chatArea")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        below = QVBoxLayout()
        below.setContentsMargins(SPACE[3], 0, SPACE[3], SPACE[3])
        below.setSpacing(SPACE[1])
        below.addWidget(self.override_row)
        below.addWidget(self.answer_bar)
        below.addWidget(self.composer)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.model_bar)
        column.addWidget(self.transcript, 1)
        column.addLayout(below)

    # -- providers -------------------------------------------------------------------------------
    def set_providers(self, choices: Sequence[ProviderChoice], current: str = DEFAULT_PROVIDER) -> None:
        self.model_bar.set_providers(choices, current)

    def select_provider(self, provider_id: str) -> None:
        self.model_bar.select_provider(provider_id)

    def current_provider(self) -> str:
        return self.model_bar.current_provider()

    # -- sending ---------------------------------------------------------------------------------
    def request_fields(self) -> tuple[str, str, str, str]:
        """(provider, model, base URL, prompt) as typed."""
        return (*self.model_bar.fields(), self.composer.text())

    def _send_clicked(self) -> None:
        """Send, Ctrl+Enter: nothing happens while there is nothing to send (an empty prompt never goes out)."""
        if self.composer.sendable and self._can_send():
            spawn(self.send_or_resend())

    async def send_or_resend(self) -> Reply | None:
        """Send the prompt box (and attached images and documents): a new turn, or (after Edit) the edited prompt
        as a new branch."""
        images, documents = self.composer.images(), self.composer.documents()
        if self._editing is None:
            return await self.controller.send(*self.request_fields(), images, documents=documents)
        return await self.controller.resend_edited(*self.request_fields(), self._editing, images, documents=documents)

    # -- presets, models and parameters --------------------------------------------------------------
    def set_presets(self, presets: Sequence[Preset]) -> None:
        """The presets to offer (from the settings); no preset chosen means no fallbacks."""
        self.model_bar.set_presets(presets)
        if self.model_bar.current_preset() is None:
            self.controller.fallbacks = ()

    def current_preset(self) -> Preset | None:
        return self.model_bar.current_preset()

    def apply_preset(self, preset: Preset | None) -> None:
        """Use a preset's provider, model, parameters and fallback chain for this conversation's next prompts."""
        from app.core.chat_params import params_of_preset

        if preset is None:
            self.controller.fallbacks = ()
            self.status_changed.emit(translate("ChatPanel", "No preset: no fallbacks; the parameters stay as they "
                                                "are."))
            return
        self.model_bar.show_preset(preset)
        self.select_model(preset.provider, preset.model)
        self.controller.set_params(params_of_preset(preset))
        self.controller.fallbacks = tuple(preset.fallback)
        if preset.tools:  # the preset's MCP tools, for this conversation
            self.controller.tools.set_choice(preset.tools)
        self._show_params()
        if preset.fallback:
            said = translate("ChatPanel", "Preset {name}: {service} · {model}, falling back to {fallbacks}.").format(
                name=preset.name, service=preset.provider, model=preset.model, fallbacks=", ".join(preset.fallback))
        else:
            said = translate("ChatPanel", "Preset {name}: {service} · {model}.").format(
                name=preset.name, service=preset.provider, model=preset.model)
        self.status_changed.emit(said)
        if preset.fallback:
            spawn(self._flag_fallbacks(preset))

    async def _flag_fallbacks(self, preset: Preset) -> list[str]:
        """Say which of the preset's fallbacks cannot be used (turned off, no key, unknown): they are
        reported when the chain reaches them, never skipped in silence."""
        from app.core.settings import fallback_problems

        runtime = self.controller.runtime
        settings = runtime.services().settings
        ids = [entry.partition(":")[0].strip() for entry in preset.fallback]
        sources = await asyncio.to_thread(runtime.keys.sources, ids)  # the keychain may block: off the loop
        problems = fallback_problems(settings, preset.fallback, lambda pid: sources.get(pid) is not None)
        flagged = [f"{entry}: {say(why)}" for entry, why in zip(preset.fallback, problems, strict=True) if why]
        if flagged and shiboken6.isValid(self) and self.current_preset() is preset:
            said = translate("ChatPanel", "Preset {name}: {count} fallback(s) cannot be used now.").format(
                name=preset.name, count=count(len(flagged)))
            self.transcript.add_notice(said + " " + " ".join(flagged),
                                       translate("ChatPanel", "Fix them in Providers and keys (Ctrl+,)."))
        return flagged

    def select_model(self, provider: str, model: str) -> None:
        """Point the pickers at a provider and model (what the model picker and presets do)."""
        if self.model_bar.select_model(provider, model):
            self.schedule_estimate()

    def choose_model(self) -> None:
        """Switch model: the picker over every enabled provider's models, with prices and context sizes."""
        from .model_picker import ModelPicker

        if self.model_picker is not None and shiboken6.isValid(self.model_picker):
            self.model_picker.raise_()
            self.model_picker.activateWindow()
            return
        recent = self.model_bar.recent_models()
        current = (self.current_provider(), self.model_box.currentText().strip())
        picker = ModelPicker(self.controller.runtime, current, recent, parent=self)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.chosen.connect(self.select_model)
        self.model_picker = picker
        picker.open()

    def edit_params(self) -> None:
        """The conversation's system prompt and parameters, in a dialog (applies to its next requests)."""
        from .chat_params_dialog import ChatParamsDialog

        provider, model = self.current_provider(), self.model_box.currentText().strip()
        dialog = ChatParamsDialog(self.controller.params, provider, model, parent=self,
                                  provider_name=self.model_bar.provider_name(provider))  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.params_dialog = dialog

        def done(result: int) -> None:
            if result == ChatParamsDialog.DialogCode.Accepted:
                self.controller.set_params(dialog.params())
                self._show_params()
                self.schedule_estimate()

        dialog.finished.connect(done)
        dialog.open()

    def _show_params(self) -> None:
        self.model_bar.show_params(", ".join(map(say, self.controller.params.parts())))
        self.extras.follow_model()

    # -- images ----------------------------------------------------------------------------------------
    def choose_images(self) -> None:
        self.composer.choose_images()

    def attach_payloads(self, payloads: list[tuple[str, bytes]]) -> None:
        self.composer.attach_payloads(payloads)

    def clear_attachments(self) -> None:
        self.composer.clear_attachments()

    def attachment_names(self) -> list[str]:
        return self.composer.attachment_names()

    def _attach_problem(self, message: str, advice: str) -> None:
        self.status_changed.emit(say(message))
        self.transcript.add_notice(say(message), say(advice))

    def _warn_if_blind(self) -> None:
        from app.core.capabilities import supports_images

        provider, model = self.current_provider(), self.model_box.currentText().strip()
        if self.composer.images() and model and supports_images(provider, model) is False:
            self.status_changed.emit(translate("ChatPanel", "{model} cannot read images: pick a model that can, or "
                                                "remove them.").format(model=model))

    def _override_clicked(self) -> None:
        spawn(self.send_anyway())

    async def send_anyway(self) -> Reply | None:
        """Send the prompt a budget refused, once, regardless of the budget (the prompt box is kept)."""
        self.override_row.setVisible(False)
        return await self.controller.send_anyway()

    # -- the next request's cost -------------------------------------------------------------------
    def schedule_estimate(self) -> None:
        """Something the estimate depends on changed: estimate again once typing pauses."""
        if not self._catalog_started and self.prompt_edit.toPlainText():
            self._catalog_started = True  # the user is about to ask: load the prices meanwhile, off the loop
            self.controller.runtime.start_catalog()
        self._estimate_generation += 1
        self._estimate_timer.start()

    def _estimate_now(self) -> None:
        provider, model, _base_url, prompt = self.request_fields()
        if not provider or not model.strip() or not (prompt.strip() or self.composer.documents()):
            self._show_estimate(None)
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return  # no loop to run it on (a test processing Qt events by hand)
        spawn(self._estimate(self._estimate_generation, provider, model, prompt))

    async def _estimate(self, generation: int, provider: str, model: str, prompt: str) -> None:
        estimate = await self.controller.estimate(provider, model, prompt, self._editing,
                                                  documents=self.composer.documents())  # fmt: skip
        if generation == self._estimate_generation and shiboken6.isValid(self.composer):
            self._show_estimate(estimate)

    def _show_estimate(self, estimate: Estimate | None) -> None:
        self.composer.show_estimate(estimate)
        self.extras.note_estimate(estimate)

    def _regenerate_clicked(self) -> None:
        spawn(self.regenerate())

    async def regenerate(self) -> Reply | None:
        if self._last_answer is None:
            return None
        return await self.controller.regenerate(*self.request_fields()[:3], self._last_answer.id)

    def edit_last_prompt(self) -> None:
        """Put the last prompt in the box to change and resend as a branch; pressed again, cancel that."""
        if self._editing is not None:
            self._stop_editing()
            self.prompt_edit.clear()
            return
        if self._last_prompt is None:
            return
        self._editing = self._last_prompt.id
        self.prompt_edit.setPlainText(self._last_prompt.content)
        self.answer_bar.editing_label.setText(translate("ChatPanel", "Editing the last prompt: Ctrl+Enter sends it "
                                                        "as a new branch."))
        self.answer_bar.edit_button.setText(translate("ChatPanel", "Cancel edit"))
        self.prompt_edit.setFocus()

    def switch_branch(self, message_id: int) -> None:
        if self.controller.conversation_id is not None:
            self.library.switch_branch(self.controller.conversation_id, message_id)
            self.show_conversation(self.controller.conversation_id)

    def _stop_editing(self) -> None:
        self._editing = None
        self.answer_bar.editing_label.setText("")
        self.answer_bar.edit_button.setText(translate("AnswerBar", "Edit last prompt"))

    def _refresh_bar(self, rows: Sequence[MessageRow] | None = None) -> None:
        """Point Edit, Regenerate and the ‹ n/m › switchers at the last prompt and answer of the branch shown."""
        conv = self.controller.conversation_id
        if rows is None and conv is not None:
            rows = self.library.branch_end(conv)  # the last prompt and answer: the rest is not read
            if not any(r.role == "user" for r in rows):
                rows = self.library.branch(conv)
        rows = rows or []
        self._last_prompt = next((r for r in reversed(rows) if r.role == "user"), None)
        answer = rows[-1] if rows and rows[-1].role == "assistant" else None
        self._last_answer = answer if answer is not None and answer.status != "streaming" else None
        bar = self.answer_bar
        bar.setVisible(self._last_prompt is not None)
        bar.regenerate_button.setEnabled(self._last_answer is not None and self._can_send())
        failed = self._last_answer is not None and self._last_answer.status in ("error", "interrupted")
        if failed:
            bar.regenerate_button.setText(translate("ChatPanel", "Retry"))
            bar.regenerate_button.setToolTip(translate("ChatPanel", "Ask again; the failed or cut-off answer stays as "
                                                       "a sibling (‹ ›)"))
        else:
            bar.regenerate_button.setText(translate("AnswerBar", "Regenerate"))
            bar.regenerate_button.setToolTip(translate("ChatPanel", "Another answer to the same prompt; this one "
                                                       "stays as a sibling (‹ ›)"))
        if self._last_prompt is not None:
            bar.prompt_switcher.show_siblings(self._last_prompt.sibling_ids, self._last_prompt.id)
        if answer is not None:
            bar.answer_switcher.show_siblings(answer.sibling_ids, answer.id)
        else:
            bar.answer_switcher.setVisible(False)

    def new_chat(self) -> bool:
        if not self.controller.new_conversation():
            return False
        self.transcript.clear_conversation()
        self._stop_editing()
        self.override_row.setVisible(False)
        preset = self.current_preset()
        if preset is not None:  # a new chat starts from the preset chosen
            from app.core.chat_params import params_of_preset

            self.controller.set_params(params_of_preset(preset))
        self.controller.tools.show(None, preset.tools if preset is not None else None)
        self._approval_changed()
        self._show_params()
        self.schedule_estimate()
        self._refresh_bar([])
        self.show_total()
        self._sync_buttons()
        self.prompt_edit.setFocus()
        return True

    def label(self, provider: str, model: str) -> str:
        name = self.model_bar.provider_name(provider) or translate("ChatPanel", "Assistant")
        return f"{name} · {model}"

    def show_conversation(self, conversation_id: int) -> None:
        """Load the conversation's current branch in one go; an answer still streaming into it is shown live."""
        c = self.controller
        self._sent_prompt = None
        setup = c.show_conversation(conversation_id)
        if setup is not None and setup.provider and setup.model and not c.answering:
            self.select_model(setup.provider, setup.model)  # where the conversation left off
        self._show_params()
        self._stop_editing()
        self.override_row.setVisible(False)
        self.schedule_estimate()
        turn = c.shown_turn
        skip = turn.message_id if turn is not None else None
        rows = self.library.branch(conversation_id)
        preset = self.current_preset()
        c.tools.show(conversation_id, preset.tools if preset is not None else None)
        self.transcript.show_entries(entries(rows, self.label, skip, self.library.attempts(conversation_id),
                                             self.library.tool_steps(rows)))  # fmt: skip
        self._refresh_bar(rows)
        self._sync_buttons()
        if turn is not None and turn.message_id is not None:
            self.transcript.begin_answer(self.label(turn.provider, turn.model))
            if turn.tool_calls:  # its calls so far, each after the text written before it
                from .tool_blocks import live_views

                self.transcript.tools.redraw(turn.reply.reasoning, turn.reply.text, *live_views(turn))
            else:
                self.transcript.append_answer(turn.reply.text, turn.reply.reasoning)
        self._approval_changed()
        self.show_total()

    def _delete_message(self, message_id: int) -> None:
        """Delete a saved message and what follows it in its branch, after asking (spend rows stay)."""
        c = self.controller
        if c.answering:  # its prompt may be the parent of the answer still being written
            self.status_changed.emit(translate("ChatPanel", "This conversation is still answering: stop it first "
                                                "(Esc), then delete."))
            return
        answer = QMessageBox.question(self, translate("ChatPanel", "Delete message"), translate(
            "ChatPanel", "Delete this message and everything after it in this branch? This cannot be undone. What it "
            "cost stays in the spend ledger."))
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self.library.delete_message(message_id) and c.conversation_id is not None:
            self.show_conversation(c.conversation_id)  # the branch again (its current leaf falls back)
            self.status_changed.emit(translate("ChatPanel", "Message deleted."))

    def _show_reasoning(self, which: str) -> None:
        """The collapsed reasoning of an answer, in a window of its own (not modal)."""
        turn = self.controller.shown_turn
        live = turn.reply.reasoning if turn is not None else ""
        text = self.library.reasoning(int(which)) if which.isdigit() else live
        if self.reasoning_box is None:
            self.reasoning_box = QMessageBox(QMessageBox.Icon.NoIcon, translate("ChatPanel", "Reasoning"), "",
                                             parent=self)
            self.reasoning_box.setTextFormat(Qt.TextFormat.PlainText)
        self.reasoning_box.setText(text or translate("ChatPanel", "No reasoning was saved for this answer."))
        self.reasoning_box.open()

    def show_total(self) -> None:
        total = self.library.total_usd(self.controller.conversation_id)
        text = total_text(total)
        self.total_label.short = usd(total[0]) if total is not None else ""  # the amount alone, when room is short
        self.total_label.setText(text)
        self.total_label.setVisible(bool(text))  # no empty pill before anything was spent

    # -- controller signals ----------------------------------------------------------------------
    def _turn_started(self, provider: str, model: str, prompt: str) -> None:
        self.override_row.setVisible(False)
        self.model_bar.remember_model(provider, model)
        self.model_bar.remember_base_url(provider)
        self._sent_prompt = prompt or None
        turn = self.controller.shown_turn
        if turn is None:
            return
        if turn.ask.branches and self.controller.conversation_id is not None:
            sent = self._sent_prompt
            self.show_conversation(self.controller.conversation_id)  # the new branch, its answer drawn live
            self._sent_prompt = sent
            return
        names = self.attachment_names()
        shown = prompt + (f"\n[{self._images_word(len(names))}: {', '.join(names)}]" if names else "")
        self.transcript.add_prompt(shown,
                                   message_id=turn.prompt_id,
                                   documents=tuple((d.name, d.pages) for d in turn.ask.documents))  # fmt: skip
        for warning in turn.warnings:
            self.transcript.add_warning(say(warning))
        self.transcript.begin_answer(self.label(provider, model))

    @staticmethod
    def _images_word(n: int) -> str:
        if n == 1:
            return translate("ChatPanel", "{count} image").format(count=count(n))
        return translate("ChatPanel", "{count} images").format(count=count(n))

    def _delta(self, text: str, reasoning: str) -> None:
        if self._sent_prompt is not None:
            self._consume_prompt()
        self.transcript.append_answer(text, reasoning)

    def _consume_prompt(self) -> None:
        """The answer started, so the prompt was taken: clear the box unless it was edited meanwhile."""
        if self.prompt_edit.toPlainText() == self._sent_prompt:
            self.prompt_edit.clear()
            self.clear_attachments()
        self._sent_prompt = None

    def _finished(self, reply: Reply) -> None:
        """The shown conversation's answer ended (others end unseen; their conversation shows them when opened)."""
        if reply.status == "complete" and self._sent_prompt is not None:
            self._consume_prompt()
        self._sent_prompt = None  # failed or stopped before an answer: the prompt stays in the box
        sources, suggestions = self.extras.sources(reply)
        self.transcript.end_answer(self.extras.footer(reply, footer_text(reply)), error_lines(reply), text=reply.text,
                                   reasoning=reply.reasoning, message_id=reply.message_id, sources=sources,
                                   suggestions=suggestions, marker=reply_marker(reply))  # fmt: skip
        if reply.message_id is not None:
            self.exact_costs.finished(reply)
            self._stop_editing()
            self._refresh_bar()

    def _failed(self, message: str, advice: str) -> None:
        self.transcript.add_notice(say(message), say(advice))
        self.override_row.setVisible(self.controller.can_override)
        self.status_changed.emit(say(message))

    def _busy_changed(self, _busy: bool) -> None:
        """An answer started or ended somewhere: Send and Stop follow the conversation shown."""
        losing = (self.send_button, self._can_send()), (self.stop_button, self.controller.answering)
        if any(button.hasFocus() and not enabled for button, enabled in losing):
            self.prompt_edit.setFocus()  # a button about to be disabled would pass focus to the sidebar
        self._sync_buttons()

    def _can_send(self) -> bool:
        """Each conversation answers one prompt at a time; others may stream meanwhile (when saved)."""
        c = self.controller
        return not c.answering and not (c.busy and not self.library.saving)

    def _sync_buttons(self) -> None:
        """Stop acts on the answer shown only; another conversation's answer streams on untouched."""
        can_send = self._can_send()
        stoppable = self.controller.answering
        self.send_button.setEnabled(can_send and self.composer.sendable)
        self.send_action.setEnabled(can_send)
        self.stop_button.setEnabled(stoppable)
        self.stop_action.setEnabled(stoppable)
        self.answer_bar.regenerate_button.setEnabled(can_send and self._last_answer is not None)
        self.answer_bar.edit_button.setEnabled(can_send)

