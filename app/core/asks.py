"""What a chat turn is asked to do, why it may be refused, and what its observer hears (kept light: the
window imports this before its first paint; the turn itself, in turn.py, loads the adapters)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .chat_params import ChatParams
from .text import sentence

if TYPE_CHECKING:
    from app.providers import DocumentPart, ImagePart, Message, ProviderError
    from app.store import RequestSource

    from .chat import Reply
    from .resilience import Attempt
    from .tool_loop import Toolbox, ToolCallRecord
    from .turn import Turn


@dataclass(frozen=True, slots=True)
class Ask:
    """What to send. A new prompt after the conversation's current leaf, an edited prompt as a new branch
    (`parent`: the message it hangs from), or another answer to a stored prompt (`regenerate`)."""

    provider: str
    model: str
    prompt: str = ""  # "" when regenerating
    images: tuple[ImagePart, ...] = ()
    base_url: str | None = None
    params: ChatParams = field(default_factory=ChatParams)  # sent as given (see ChatParams.for_model)
    fallbacks: tuple[str, ...] = ()  # "provider:model[@url]" entries tried in order when the first fails
    conversation_id: int | None = None  # None: a new conversation (or none, when nothing is saved)
    parent: int | Literal["current"] | None = "current"
    regenerate: int | None = None  # the stored answer to give a sibling
    override_budget: bool = False  # send although a budget refuses it (this once)
    history: tuple[Message, ...] = ()  # what goes before the prompt when nothing is saved
    stream: bool = True
    save: bool = True  # False: nothing is stored, not even the cost (`ask --no-log`)
    source: RequestSource = "app"
    api: str | None = None  # "chat" or "responses" (OpenAI, Azure); None: the provider's setting
    documents: tuple[DocumentPart, ...] = ()  # text files and PDFs sent with the prompt
    tools: Toolbox | None = None  # the tools offered (MCP servers); calls run only when the user approves
    max_steps: int | None = None  # model calls in this turn at most (None: the setting, 10 by default)

    @property
    def branches(self) -> bool:
        """It starts a new branch: an edited prompt or another answer."""
        return self.regenerate is not None or self.parent != "current"


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a turn was not sent: a provider-side check failed (`error`: a missing key, a budget, a context
    window, a model that reads no images), or the user's input is unusable (`problem`, in plain words)."""

    error: ProviderError | None = None
    problem: str = ""
    hint: str | None = None  # what to do about `problem` (None: check the provider, model and base URL)

    @property
    def message(self) -> str:
        return self.error.describe() if self.error is not None else sentence(self.problem)

    @property
    def advice(self) -> str:
        if self.error is not None:
            return self.error.advice
        return self.hint if self.hint is not None else "Check the provider, the model and the base URL."

    @property
    def overridable(self) -> bool:
        """A budget refused it: the user may send it once regardless (`Ask.override_budget`)."""
        return self.error is not None and self.error.kind == "budget"


class TurnObserver:
    """What the window or the command line hears while a turn runs; override what you need."""

    def on_refused(self, turn: Turn, refusal: Refusal) -> None:
        """Nothing was sent (or stored)."""

    def on_stored(self, turn: Turn) -> None:
        """The prompt and an empty answer are saved: `conversation_id`, `prompt_id` and `message_id` are set."""

    def on_sending(self, turn: Turn) -> None:
        """Every check passed; the request goes out now (`warnings` holds budget warnings)."""

    def on_attempt(self, turn: Turn, attempt: Attempt) -> None:
        """A provider of the chain is asked (again, after a retry)."""

    def on_wait(self, turn: Turn, seconds: float) -> None:
        """A retry waits this long first (the provider is busy or unreachable)."""

    def on_delta(self, turn: Turn, text: str, reasoning: str) -> None:
        """Answer text or reasoning arrived (`turn.reply` already holds it)."""

    def on_step(self, turn: Turn, step: Reply) -> None:
        """A model call of the turn ended, priced (`turn.steps`; `turn.reply` holds the sums so far)."""

    def on_tool_stream(self, turn: Turn, call_id: str, name: str, text: str) -> None:
        """The model is writing a tool call: its start (`name` set, `text` "") or a piece of its argument text
        (`name` ""). For showing progress only; the call is decided by `on_tool_call`."""

    def on_tool_call(self, turn: Turn, record: ToolCallRecord) -> None:
        """A tool call changed state: asked, approved, declined, running, done, failed, stopped or skipped
        (`record.state`; `record.error` says why a call did not run or failed)."""

    def on_finish(self, turn: Turn) -> None:
        """The answer ended: complete, stopped or failed, priced and saved (`turn.reply`)."""
