"""Loopback handlers that speak providers' account-report APIs as documented, with pagination and faults.

Each is a `LoopbackServer.handler`: it checks the key header, filters the daily buckets it was given by
the request's time range, and pages them `per_page` buckets at a time with `has_more` / `next_page`.
- OpenAI (platform.openai.com/docs/api-reference/usage): `/v1/organization/costs`,
  `/v1/organization/usage/completions`; Unix seconds; `Authorization: Bearer`.
- Anthropic (platform.claude.com/docs/en/api/admin/...): `/v1/organizations/cost_report`,
  `/v1/organizations/usage_report/messages`; RFC 3339; `x-api-key`, `anthropic-version`.
- OpenRouter (openrouter.ai/docs/api/api-reference/generations/get-generation): `/api/v1/generation?id=`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.support.loopback import Recorded, Reply

ADMIN_KEY = "test-admin-key-not-real"
API_KEY = "test-key-not-real"


def unix(day: date) -> int:
    return int(datetime.combine(day, time(), timezone.utc).timestamp())


def rfc3339(day: date) -> str:
    return datetime.combine(day, time(), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def query(req: Recorded) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(req.path)
    return parts.path, parse_qs(parts.query)


# OpenAI


def openai_cost(value: float | str, line_item: str | None, currency: str = "usd") -> dict[str, Any]:
    return {"object": "organization.costs.result", "amount": {"value": value, "currency": currency},
            "line_item": line_item, "project_id": None}  # fmt: skip


def openai_usage(model: str | None, input_tokens: int, output_tokens: int, requests: int,
                 cached: int = 0) -> dict[str, Any]:  # fmt: skip
    return {"object": "organization.usage.completions.result", "input_tokens": input_tokens,
            "output_tokens": output_tokens, "input_cached_tokens": cached, "input_audio_tokens": 0,
            "output_audio_tokens": 0, "num_model_requests": requests, "project_id": None, "user_id": None,
            "api_key_id": None, "model": model, "batch": None}  # fmt: skip


def openai_bucket(day: date, results: list[dict[str, Any]]) -> dict[str, Any]:
    return {"object": "bucket", "start_time": unix(day), "end_time": unix(day + timedelta(days=1)), "results": results}


@dataclass
class OpenAIAdmin:
    costs: list[dict[str, Any]] = field(default_factory=list)
    usage: list[dict[str, Any]] = field(default_factory=list)
    per_page: int = 2
    key: str = ADMIN_KEY

    def __call__(self, req: Recorded) -> Reply:
        if req.headers.get("authorization") != f"Bearer {self.key}":
            shown = req.headers.get("authorization", "")[-4:]
            return Reply.json({"error": {"message": f"Incorrect API key provided: ...{shown}. You can find your "
                                         "API key at https://platform.openai.com/account/api-keys.",
                                         "type": "invalid_request_error", "param": None, "code": "invalid_api_key"}},
                              status=401)  # fmt: skip
        path, q = query(req)
        buckets = {"/v1/organization/costs": self.costs, "/v1/organization/usage/completions": self.usage}.get(path)
        if buckets is None:
            return Reply.json({"error": {"message": f"Unknown request URL: GET {path}."}}, status=404)
        start, end = int(q["start_time"][0]), int(q["end_time"][0])
        chosen = [b for b in buckets if start <= b["start_time"] < end]
        return _page(chosen, q, self.per_page, {"object": "page"})


# Anthropic


def anthropic_cost(cents: str, model: str | None, token_type: str | None = "uncached_input_tokens",
                   description: str | None = None, cost_type: str = "tokens") -> dict[str, Any]:  # fmt: skip
    desc = description or (f"{model} Usage - {token_type}" if model else cost_type)
    return {"currency": "USD", "amount": cents, "workspace_id": None, "description": desc, "cost_type": cost_type,
            "context_window": "0-200k" if model else None, "model": model,
            "service_tier": "standard" if model else None, "token_type": token_type if model else None}  # fmt: skip


def anthropic_usage(model: str | None, uncached: int, output: int, cache_read: int = 0, cache_5m: int = 0,
                    cache_1h: int = 0) -> dict[str, Any]:  # fmt: skip
    return {"uncached_input_tokens": uncached, "cache_creation": {"ephemeral_1h_input_tokens": cache_1h,
            "ephemeral_5m_input_tokens": cache_5m}, "cache_read_input_tokens": cache_read, "output_tokens": output,
            "server_tool_use": {"web_search_requests": 0}, "api_key_id": None, "workspace_id": None, "model": model,
            "service_tier": None, "context_window": None}  # fmt: skip


def anthropic_bucket(day: date, results: list[dict[str, Any]]) -> dict[str, Any]:
    return {"starting_at": rfc3339(day), "ending_at": rfc3339(day + timedelta(days=1)), "results": results}


@dataclass
class AnthropicAdmin:
    costs: list[dict[str, Any]] = field(default_factory=list)
    usage: list[dict[str, Any]] = field(default_factory=list)
    per_page: int = 2
    key: str = ADMIN_KEY

    def __call__(self, req: Recorded) -> Reply:
        if req.headers.get("anthropic-version") != "2023-06-01":
            return Reply.json({"type": "error", "error": {"type": "invalid_request_error",
                               "message": "anthropic-version: header is required"}}, status=400)  # fmt: skip
        if req.headers.get("x-api-key") != self.key:
            return Reply.json({"type": "error", "error": {"type": "authentication_error",
                               "message": "invalid x-api-key"}}, status=401)  # fmt: skip
        path, q = query(req)
        buckets = {"/v1/organizations/cost_report": self.costs,
                   "/v1/organizations/usage_report/messages": self.usage}.get(path)  # fmt: skip
        if buckets is None:
            return Reply.json({"type": "error", "error": {"type": "not_found_error", "message": "Not found"}}, 404)
        start, end = q["starting_at"][0], q["ending_at"][0]
        chosen = [b for b in buckets if start <= b["starting_at"] < end]
        return _page(chosen, q, self.per_page, {})


def _page(buckets: list[dict[str, Any]], q: dict[str, list[str]], per_page: int, extra: dict[str, Any]) -> Reply:
    index = int(q.get("page", ["page_0"])[0].removeprefix("page_"))
    shown = buckets[index * per_page : (index + 1) * per_page]
    more = (index + 1) * per_page < len(buckets)
    return Reply.json({**extra, "data": shown, "has_more": more, "next_page": f"page_{index + 1}" if more else None})


# OpenRouter


def generation(gen_id: str, total_cost: float, *, model: str = "openai/gpt-4o-mini", provider: str = "OpenAI",
               prompt: int = 12, completion: int = 34, reasoning: int = 0,
               cached: int = 0) -> dict[str, Any]:  # fmt: skip
    return {"data": {"id": gen_id, "upstream_id": "chatcmpl-upstream", "total_cost": total_cost,
                     "cache_discount": None, "upstream_inference_cost": None,
                     "created_at": "2025-06-01T12:00:00.1+00:00",
                     "model": model, "app_id": None, "streamed": True, "cancelled": False, "provider_name": provider,
                     "latency": 900, "moderation_latency": None, "generation_time": 800, "finish_reason": "stop",
                     "native_finish_reason": "stop", "tokens_prompt": prompt, "tokens_completion": completion,
                     "native_tokens_prompt": prompt, "native_tokens_completion": completion,
                     "native_tokens_completion_images": None, "native_tokens_reasoning": reasoning,
                     "native_tokens_cached": cached, "num_media_prompt": None, "num_media_completion": None,
                     "num_search_results": None, "origin": "", "usage": total_cost, "is_byok": False}}  # fmt: skip


@dataclass
class OpenRouterGenerations:
    """Known generations by id; `not_yet[id]` answers 404 that many times first (not readable yet)."""

    known: dict[str, dict[str, Any]] = field(default_factory=dict)
    not_yet: dict[str, int] = field(default_factory=dict)
    key: str = API_KEY

    def __call__(self, req: Recorded) -> Reply:
        if req.headers.get("authorization") != f"Bearer {self.key}":
            return Reply.json({"error": {"message": "No auth credentials found", "code": 401}}, status=401)
        path, q = query(req)
        if path != "/api/v1/generation":
            return Reply.json({"error": {"message": "Not Found", "code": 404}}, status=404)
        gen_id = q.get("id", [""])[0]
        if self.not_yet.get(gen_id, 0) > 0:
            self.not_yet[gen_id] -= 1
            return Reply.json({"error": {"message": f"Generation {gen_id} not found", "code": 404}}, status=404)
        if gen_id not in self.known:
            return Reply.json({"error": {"message": f"Generation {gen_id} not found", "code": 404}}, status=404)
        return Reply.json(self.known[gen_id])
