"""A conversation's own parameters: system prompt, sampling and output settings, and the model it last used.

Stored in the conversation row (`system_prompt`, `settings_json`); read leniently, since the JSON may come
from an import or an older Parley: a value of the wrong type or out of range is dropped, never an error."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from app.words import translate

if TYPE_CHECKING:  # kept light: the window imports this before httpx and the adapters are loaded
    from app.providers import ChatRequest
    from app.providers.types import ReasoningEffort
    from app.store import Store

    from .settings import Preset

EFFORTS: tuple[str, ...] = ("low", "medium", "high")  # ReasoningEffort's values
MAX_TEMPERATURE = 2.0


@dataclass(frozen=True, slots=True)
class ChatParams:
    """What goes with every request of a conversation. None (or False) means the provider's default."""

    system: str | None = None
    temperature: float | None = None
    max_tokens: int | None = None
    reasoning_effort: ReasoningEffort | None = None
    json_mode: bool = False
    web_search: bool = False  # "search the web": the provider's own search tool, for models that have one

    def apply(self, request: ChatRequest) -> ChatRequest:
        return replace(request, system=self.system or request.system, temperature=self.temperature,
                       max_tokens=self.max_tokens, reasoning_effort=self.reasoning_effort,
                       json_mode=self.json_mode, web_search=self.web_search)  # fmt: skip

    def for_model(self, provider: str, model: str) -> ChatParams:
        """What a request to this model carries: a reasoning effort only where the model may take one."""
        from .capabilities import supports_reasoning_effort

        if self.reasoning_effort is not None and supports_reasoning_effort(provider, model) is False:
            return replace(self, reasoning_effort=None)
        return self

    @property
    def is_default(self) -> bool:
        return self == ChatParams()

    def summary(self) -> str:
        """A few words for the chat panel: what differs from the defaults."""
        return ", ".join(self.parts())

    def parts(self) -> list[str]:
        """What differs from the defaults, a few words each (`Words`, for the window to say in its language)."""
        return describe_params(system=self.system, temperature=self.temperature, max_tokens=self.max_tokens,
                               reasoning_effort=self.reasoning_effort, json_mode=self.json_mode,
                               web_search=self.web_search)  # fmt: skip

    def settings(self) -> dict[str, Any]:
        """The parameters as stored in `settings_json` (the system prompt has a column of its own)."""
        out: dict[str, Any] = {}
        if self.temperature is not None:
            out["temperature"] = self.temperature
        if self.max_tokens is not None:
            out["max_tokens"] = self.max_tokens
        if self.reasoning_effort is not None:
            out["reasoning_effort"] = self.reasoning_effort
        if self.json_mode:
            out["json_mode"] = True
        if self.web_search:
            out["web_search"] = True
        return out


def describe_params(*, system: str | None = None, temperature: float | None = None, max_tokens: int | None = None,
                    reasoning_effort: str | None = None, json_mode: bool = False,
                    web_search: bool = False) -> list[str]:  # fmt: skip
    """Parameters that differ from the provider's defaults, in a few words each: the one wording the chat
    panel's Parameters button and the compare panes' headings share."""
    parts: list[str] = []  # Words: the window says them in its language
    if system:
        parts.append(translate("ChatParams", "system prompt"))
    if temperature is not None:
        parts.append(translate("ChatParams", "temperature {value}").format(value=f"{temperature:g}"))
    if max_tokens is not None:
        parts.append(translate("ChatParams", "max {count} tokens").format(count=f"{max_tokens:,}"))
    if reasoning_effort is not None:
        efforts = {"low": translate("ChatParams", "low effort"), "medium": translate("ChatParams", "medium effort"),
                   "high": translate("ChatParams", "high effort")}  # fmt: skip
        parts.append(efforts.get(reasoning_effort) or f"{reasoning_effort} effort")
    if json_mode:
        parts.append("JSON")
    if web_search:
        parts.append(translate("ChatParams", "web search"))
    return parts


def params_from(system: str | None, settings: Mapping[str, Any]) -> ChatParams:
    """Parameters read back from a conversation row; anything unusable is left at the default."""
    temperature = settings.get("temperature")
    if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) or not math.isfinite(temperature) \
            or not 0 <= temperature <= MAX_TEMPERATURE:  # fmt: skip
        temperature = None
    max_tokens = settings.get("max_tokens")
    if isinstance(max_tokens, bool) or not isinstance(max_tokens, int) or max_tokens < 1:
        max_tokens = None
    effort = settings.get("reasoning_effort")
    json_mode = settings.get("json_mode") is True
    return ChatParams(system=system if isinstance(system, str) and system.strip() else None,
                      temperature=None if temperature is None else float(temperature), max_tokens=max_tokens,
                      reasoning_effort=effort if effort in EFFORTS else None,
                      json_mode=json_mode, web_search=settings.get("web_search") is True)  # fmt: skip


def params_of_preset(preset: Preset) -> ChatParams:
    return ChatParams(system=preset.system or None, temperature=preset.temperature, max_tokens=preset.max_tokens,
                      reasoning_effort=preset.reasoning_effort, json_mode=preset.json_mode,
                      web_search=preset.web_search)  # fmt: skip


@dataclass(frozen=True, slots=True)
class ConversationSetup:
    """A stored conversation's parameters and the provider and model it last asked (None: not recorded)."""

    params: ChatParams
    provider: str | None = None
    model: str | None = None


def load_setup(store: Store, conversation_id: int) -> ConversationSetup:
    conv = store.conversation(conversation_id)
    provider, model = conv.settings.get("provider"), conv.settings.get("model")
    return ConversationSetup(params_from(conv.system_prompt, conv.settings),
                             provider if isinstance(provider, str) and provider else None,
                             model if isinstance(model, str) and model else None)  # fmt: skip


def save_setup(store: Store, conversation_id: int, params: ChatParams, provider: str | None = None,
               model: str | None = None) -> None:  # fmt: skip
    """Store the parameters; the provider and model are kept from before unless given (and the tools chosen)."""
    conv = store.conversation(conversation_id)
    settings = {k: v for k, v in conv.settings.items() if k in ("provider", "model", "tools")}
    if provider:
        settings["provider"] = provider
    if model:
        settings["model"] = model
    settings.update(params.settings())
    store.set_conversation_settings(conversation_id, settings)
    if (conv.system_prompt or None) != params.system:
        store.set_system_prompt(conversation_id, params.system)
