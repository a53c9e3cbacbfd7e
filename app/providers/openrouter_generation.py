"""OpenRouter's generation lookup: the exact cost, native token counts and upstream provider of one request.

Documented shape (openrouter.ai/docs/api/api-reference/generations/get-generation):
`GET /api/v1/generation?id=GENERATION_ID` with the ordinary API key -> `{"data": {"id", "total_cost",
"model", "provider_name", "native_tokens_prompt", "native_tokens_completion", "native_tokens_reasoning",
"native_tokens_cached", "created_at", ...}}`. The id is the chat response's `id`. A generation becomes
readable a moment after the answer ends; until then the lookup answers 404, so a 404 soon after the
answer means "ask again later", not "no such request".
"""

from __future__ import annotations

from typing import Any

from .base import Endpoint, HttpCall
from .report_types import GenerationInfo, as_decimal, as_object, as_tokens, malformed, rfc3339

PROVIDER = "openrouter"
PATH = "/generation"
_REPORT = "OpenRouter generation lookup"


def generation_call(endpoint: Endpoint, generation_id: str) -> HttpCall:
    if not generation_id.strip():
        raise ValueError("a generation id is needed")
    return HttpCall("GET", endpoint.base_url + PATH, endpoint.headers(), params={"id": generation_id.strip()})


def parse_generation(body: Any, expected_id: str | None = None) -> GenerationInfo:
    data = as_object(as_object(body, PROVIDER, _REPORT, "the body").get("data"), PROVIDER, _REPORT, "data")
    gen_id = data.get("id")
    if not isinstance(gen_id, str) or not gen_id:
        raise malformed(PROVIDER, _REPORT, "data.id is missing")
    if expected_id is not None and gen_id != expected_id:
        raise malformed(PROVIDER, _REPORT, f"it describes generation {gen_id!r}, not {expected_id!r}")
    if data.get("total_cost") is None:
        raise malformed(PROVIDER, _REPORT, "data.total_cost is missing")
    cost = as_decimal(data.get("total_cost"), PROVIDER, _REPORT, "data.total_cost")
    if cost < 0:
        raise malformed(PROVIDER, _REPORT, f"data.total_cost is negative ({cost})")

    def text(name: str) -> str | None:
        value = data.get(name)
        return value.strip() if isinstance(value, str) and value.strip() else None

    def count(name: str) -> int | None:
        return as_tokens(data.get(name), PROVIDER, _REPORT, f"data.{name}")

    return GenerationInfo(
        id=gen_id,
        total_cost_usd=cost,
        model=text("model"),
        upstream_provider=text("provider_name"),
        native_input_tokens=count("native_tokens_prompt"),
        native_output_tokens=count("native_tokens_completion"),
        native_reasoning_tokens=count("native_tokens_reasoning"),
        native_cached_tokens=count("native_tokens_cached"),
        created_at=rfc3339(data.get("created_at")),
    )
