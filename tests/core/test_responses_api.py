"""Which OpenAI API a call speaks (setting, --api, Responses-only models), and the reasoning-summary retry."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from app.core.capabilities import responses_only
from app.core.chat import ChatRun
from app.core.endpoints import TargetSpec
from app.core.keys import KeyStore
from app.core.resilience import Resilience, Target
from app.core.services import Services
from app.core.settings import ProviderSettings, Settings, load_settings, save_settings, validate
from app.core.summaries import FORGET_AFTER_S, SummaryMemory
from app.providers import ChatRequest, Endpoint, Message, get_spec, with_base_url
from tests.providers import responses_events as ev
from tests.support.loopback import LoopbackServer, Reply

KEY = "test-key-not-real"


def _services(settings: Settings | None = None) -> Services:
    keys = KeyStore()
    keys.set_session("openai", KEY)
    keys.set_session("azure", KEY)
    keys.set_session("groq", KEY)
    return Services(httpx.AsyncClient(), keys, settings or Settings())


@pytest.mark.parametrize(("model", "only"), [
    ("o3-pro", True), ("o1-pro-2025-03-19", True), ("gpt-5-codex", True), ("gpt-5.1-codex-max", True),
    ("gpt-5-pro", True), ("codex-mini-latest", True), ("o4-mini-deep-research", True), ("computer-use-preview", True),
    ("gpt-5", False), ("o3", False), ("gpt-4o-mini", False), ("o4-mini", False), ("gpt-5-chat-latest", False),
])  # fmt: skip
def test_responses_only_table(model: str, only: bool) -> None:
    assert responses_only(model) is only


async def test_protocol_follows_flag_setting_and_model() -> None:
    services = _services()
    assert services.target(TargetSpec("openai", "gpt-4o")).endpoint.spec.protocol == "openai_chat"
    assert services.target(TargetSpec("openai", "gpt-4o", api="responses")).endpoint.spec.protocol == "openai_responses"
    assert services.target(TargetSpec("openai", "o3-pro")).endpoint.spec.protocol == "openai_responses"
    assert services.target(TargetSpec("openai", "o3-pro", api="chat")).endpoint.spec.protocol == "openai_chat"
    azure = services.target(TargetSpec("azure", "dep", "https://res.openai.azure.com", api="responses"))
    assert azure.endpoint.spec.protocol == "azure_responses"
    await services.client.aclose()

    chosen = _services(Settings(providers={"openai": ProviderSettings(api="responses")}))
    assert chosen.target(TargetSpec("openai", "gpt-4o")).endpoint.spec.protocol == "openai_responses"
    assert chosen.target(TargetSpec("openai", "gpt-4o", api="chat")).endpoint.spec.protocol == "openai_chat"
    await chosen.client.aclose()


async def test_responses_with_a_provider_that_lacks_it_is_refused() -> None:
    services = _services()
    with pytest.raises(ValueError, match="does not offer the Responses API"):
        services.target(TargetSpec("groq", "llama", api="responses"))
    await services.client.aclose()


def test_the_setting_round_trips_and_is_checked(tmp_path: Path) -> None:
    settings = Settings(providers={"openai": ProviderSettings(api="responses")})
    path = save_settings(settings, tmp_path / "s.json")
    assert load_settings(path).settings.provider("openai").api == "responses"
    assert validate(Settings(providers={"groq": ProviderSettings(api="responses")})) == [
        "groq: only OpenAI and Azure OpenAI offer the Responses API."]


def test_summary_memory_forgets_after_a_week(tmp_path: Path) -> None:
    now = [1000.0]
    memory = SummaryMemory(tmp_path / "m.json", clock=lambda: now[0])
    assert not memory.refused("openai")
    memory.remember("openai")
    assert memory.refused("openai") and not memory.refused("azure")
    assert SummaryMemory(tmp_path / "m.json", clock=lambda: now[0]).refused("openai")  # kept in the file
    now[0] += FORGET_AFTER_S + 1
    assert not memory.refused("openai")


_NOT_VERIFIED = {"error": {"message": "Your organization must be verified to generate reasoning summaries. Please "
                           "go to: https://platform.openai.com/settings/organization/general and click on Verify "
                           "Organization.", "type": "invalid_request_error", "param": "reasoning.summary",
                           "code": "unsupported_value"}}  # fmt: skip


async def test_unverified_summaries_are_retried_without_and_remembered(loopback: LoopbackServer,
                                                                       tmp_path: Path) -> None:  # fmt: skip
    spec = replace(with_base_url(get_spec("openai"), loopback.url + "/v1"), protocol="openai_responses")
    target = Target(Endpoint(spec, api_key=KEY), "o4-mini")
    memory = SummaryMemory(tmp_path / "refused.json")
    request = ChatRequest("o4-mini", (Message("user", "hi"),), reasoning_effort="low")
    reply_ok = ev.sse([*ev.created(), *ev.message(0, ["fine"]), ev.completed()])
    loopback.enqueue(Reply.json(_NOT_VERIFIED, status=400), reply_ok)
    async with httpx.AsyncClient() as client:
        run = ChatRun(Resilience(client, summaries=memory), [target], request)
        await run.execute()
        assert run.reply.error is None and run.reply.text == "fine"
        first, second = (r.json() for r in loopback.requests)
        assert first["reasoning"] == {"effort": "low", "summary": "auto"}
        assert second["reasoning"] == {"effort": "low"}
        assert memory.refused("openai")
        assert len(run.reply.attempts) == 1 and run.reply.attempts[0].error is None

        loopback.enqueue(ev.sse([*ev.created(), *ev.message(0, ["again"]), ev.completed()]))
        again = ChatRun(Resilience(client, summaries=memory), [target], request)
        await again.execute()
        assert again.reply.text == "again"
        assert loopback.requests[2].json()["reasoning"] == {"effort": "low"}  # not asked (and refused) first


async def test_a_second_refusal_is_an_error_not_a_loop(loopback: LoopbackServer, tmp_path: Path) -> None:
    spec = replace(with_base_url(get_spec("openai"), loopback.url + "/v1"), protocol="openai_responses")
    loopback.enqueue(Reply.json(_NOT_VERIFIED, status=400), Reply.json(_NOT_VERIFIED, status=400))
    async with httpx.AsyncClient() as client:
        run = ChatRun(Resilience(client, summaries=SummaryMemory(tmp_path / "r.json")),
                      [Target(Endpoint(spec, api_key=KEY), "o3")], ChatRequest("o3", (Message("user", "hi"),)))
        await run.execute()
    assert run.reply.error is not None and run.reply.error.kind == "bad_request"
    assert len(loopback.requests) == 2
