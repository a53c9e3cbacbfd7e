"""MCP tools as the model sees them, which of them a conversation or preset offers, and what their schemas cost.

The cost is an estimate from the exact JSON sent (`pricing.estimate_tokens`, about 4 characters a token):
label it so wherever it is shown. The JSON is built by an encoder the provider adapter supplies; the default
is OpenAI's chat shape, serialised as httpx sends it (compact, UTF-8).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.core.pricing import estimate_tokens

ESTIMATE_LABEL = "estimate"


@dataclass(frozen=True)
class McpTool:
    server: str
    name: str  # the tool's own name on its server
    function_name: str  # the name offered to the model (names.py)
    description: str = ""
    input_schema: dict[str, Any] = field(default_factory=lambda: {"type": "object", "properties": {}})
    enabled: bool = True  # False when the user turned this tool off
    title: str | None = None
    read_only: bool | None = None  # the server's hint (annotations.readOnlyHint); a hint, never trusted

    def function(self) -> dict[str, Any]:
        """Neutral declaration: name, description, JSON Schema of the arguments."""
        return {"name": self.function_name, "description": self.description, "parameters": self.input_schema}


Encoder = Callable[[Sequence[McpTool]], Any]


def openai_tools(tools: Sequence[McpTool]) -> list[dict[str, Any]]:
    return [{"type": "function", "function": t.function()} for t in tools]


def tools_json(tools: Sequence[McpTool], encode: Encoder = openai_tools) -> str:
    """Exactly the JSON text these tools add to a request body (compact separators, as httpx writes it)."""
    return json.dumps(encode(tools), ensure_ascii=False, separators=(",", ":"), allow_nan=False)


@dataclass(frozen=True)
class SchemaCost:
    tokens: int
    json_bytes: int
    label: str = ESTIMATE_LABEL  # always an estimate: providers count tool schemas in their own way


def schema_cost(tools: Sequence[McpTool], encode: Encoder = openai_tools) -> SchemaCost:
    """Tokens these tools' schemas add to every request (an estimate), from the JSON that would be sent."""
    if not tools:
        return SchemaCost(0, 0)
    text = tools_json(tools, encode)
    return SchemaCost(estimate_tokens(text), len(text.encode("utf-8")))


def cost_by_server(tools: Sequence[McpTool], encode: Encoder = openai_tools) -> dict[str, SchemaCost]:
    """Per enabled server, what its enabled tools cost per request (the settings window's figure)."""
    servers = dict.fromkeys(t.server for t in tools)
    return {s: schema_cost([t for t in tools if t.server == s and t.enabled], encode) for s in servers}


def select(tools: Iterable[McpTool], choice: Sequence[str] | None) -> list[McpTool]:
    """The enabled tools a conversation or preset offers. `choice` lists `SERVER` (all its tools) or
    `SERVER/TOOL` entries; None offers every enabled tool, an empty list none."""
    enabled = [t for t in tools if t.enabled]
    if choice is None:
        return enabled
    wanted = set(choice)
    return [t for t in enabled if t.server in wanted or f"{t.server}/{t.name}" in wanted]
