"""Model lists: fetched from loopback servers, cached with when they were fetched, priced for the picker."""

from __future__ import annotations

import json
import socket
from collections.abc import AsyncIterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import httpx
import pytest

from app.core.keys import KeyStore
from app.core.model_lists import (
    ModelList,
    ModelListCache,
    build_entries,
    entry_for,
    entry_summary,
    error_text,
    fetch_models,
    fetched_text,
    format_context,
    format_per_million,
    load_groups,
    model_entry,
)
from app.core.paths import cache_dir
from app.core.services import Services
from app.core.settings import CustomEndpoint, PriceOverride, ProviderSettings, Settings
from app.providers import ModelInfo, ProviderError
from tests.support.loopback import LoopbackServer, Reply

FAKE_KEY = "test-key-not-real-model-lists-4242"
OPENAI_MODELS = {"object": "list", "data": [
    {"id": "gpt-4o-mini", "object": "model", "created": 1721172741, "owned_by": "system"},
    {"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system"},
    {"id": "my-org-finetune", "object": "model", "created": 1715367049, "owned_by": "user"},
]}  # fmt: skip
OLLAMA_TAGS = {"models": [
    {"name": "qwen2.5:7b", "model": "qwen2.5:7b", "size": 4683087332, "details": {"family": "qwen2"}},
    {"name": "llama3.2:3b", "model": "llama3.2:3b", "size": 2019393189, "details": {"family": "llama"}},
]}  # fmt: skip
AT = datetime(2026, 11, 22, 3, 0, tzinfo=timezone.utc)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


def services_for(client: httpx.AsyncClient, settings: Settings | None = None) -> Services:
    return Services(client, KeyStore(), settings or Settings())


def at_loopback(server: LoopbackServer, provider: str, path: str = "") -> Settings:
    return Settings(providers={provider: ProviderSettings(base_url=server.url + path)})


async def test_fetches_an_openai_list_and_caches_it_with_the_time(loopback: LoopbackServer,
                                                                  client: httpx.AsyncClient) -> None:  # fmt: skip
    loopback.enqueue(Reply.json(OPENAI_MODELS))
    services = services_for(client, at_loopback(loopback, "openai", "/v1"))

    listing = await fetch_models(services, "openai", now=AT)

    assert loopback.requests[0].method == "GET"
    assert loopback.requests[0].path == "/v1/models"
    assert [m.id for m in listing.models] == ["gpt-4o", "gpt-4o-mini", "my-org-finetune"]
    assert (listing.provider, listing.base_url, listing.fetched_at) == ("openai", loopback.url + "/v1", AT)
    on_disk = json.loads((cache_dir() / "model_lists.json").read_text(encoding="utf-8"))
    (stored,) = on_disk["lists"].values()
    assert stored["fetched_at"] == "2026-11-22T03:00:00+00:00"
    assert ModelListCache().get("openai", loopback.url + "/v1") == listing
    assert ModelListCache().get("openai", "https://api.openai.com/v1") is None  # another base URL, another entry


async def test_fetches_ollama_tags_and_local_models_are_free(loopback: LoopbackServer,
                                                             client: httpx.AsyncClient) -> None:  # fmt: skip
    loopback.enqueue(Reply.json(OLLAMA_TAGS))
    services = services_for(client, at_loopback(loopback, "ollama"))

    listing = await fetch_models(services, "ollama")

    assert loopback.requests[0].path == "/api/tags"
    assert "authorization" not in loopback.requests[0].headers  # keyless: nothing to send
    entries = build_entries("ollama", listing.models, local=True, overrides={})
    assert [(e.model, e.input_per_million, e.output_per_million, e.price_source) for e in entries] == [
        ("llama3.2:3b", 0.0, 0.0, "free"),
        ("qwen2.5:7b", 0.0, 0.0, "free"),
    ]
    assert format_per_million(entries[0].input_per_million, entries[0].price_source) == "free"
    assert datetime.now(timezone.utc) - listing.fetched_at < timedelta(hours=1)


async def test_fetches_a_gemini_list_whose_context_sizes_win(loopback: LoopbackServer, client: httpx.AsyncClient,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("GEMINI_API_KEY", FAKE_KEY)
    loopback.enqueue(Reply.json({"models": [
        {"name": "models/gemini-2.5-flash", "displayName": "Gemini 2.5 Flash", "inputTokenLimit": 1_000_000,
         "outputTokenLimit": 65536, "supportedGenerationMethods": ["generateContent"]},
    ]}))  # fmt: skip
    services = services_for(client, at_loopback(loopback, "gemini", "/v1beta"))

    listing = await fetch_models(services, "gemini")

    assert loopback.requests[0].path.startswith("/v1beta/models")
    assert loopback.requests[0].headers["x-goog-api-key"] == FAKE_KEY
    (entry,) = build_entries("gemini", listing.models, local=False, overrides={})
    assert (entry.model, entry.name, entry.context_window) == ("gemini-2.5-flash", "Gemini 2.5 Flash", 1_000_000)
    assert model_entry("gemini", "gemini-2.5-flash", local=False, overrides={}).context_window == 1_048_576
    assert (entry.input_per_million, entry.price_source) == (0.3, "catalog")


async def test_a_refresh_replaces_only_that_providers_entry(loopback: LoopbackServer,
                                                           client: httpx.AsyncClient) -> None:  # fmt: skip
    cache = ModelListCache()
    cache.put(ModelList("groq", "https://api.groq.com/openai/v1", AT, (ModelInfo("llama-3.1-8b-instant"),)))
    old = ModelList("openai", loopback.url + "/v1", AT - timedelta(days=3), (ModelInfo("gpt-3.5-turbo"),))
    cache.put(old)
    loopback.enqueue(Reply.json(OPENAI_MODELS))

    await fetch_models(services_for(client, at_loopback(loopback, "openai", "/v1")), "openai", now=AT)

    lists = cache.load_all()
    assert set(lists) == {("groq", "https://api.groq.com/openai/v1"), ("openai", loopback.url + "/v1")}
    assert [m.id for m in lists[("groq", "https://api.groq.com/openai/v1")].models] == ["llama-3.1-8b-instant"]
    fresh = lists[("openai", loopback.url + "/v1")]
    assert fresh.fetched_at == AT and "gpt-3.5-turbo" not in {m.id for m in fresh.models}


def test_the_cache_keeps_what_the_lists_said(tmp_path: Path) -> None:
    cache = ModelListCache(tmp_path / "lists.json")
    models = (ModelInfo("google/gemini-2.5-flash", name="Google: Gemini 2.5 Flash", context_window=1048576,
                        supports_images=True, created=1750000000),)  # fmt: skip
    cache.put(ModelList("openrouter", "https://openrouter.ai/api/v1/", AT, models))
    back = cache.get("openrouter", "https://openrouter.ai/api/v1")
    assert back is not None and back.models == models and back.fetched_at == AT


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2]", b'{"version": 99, "lists": {}}',
                                     b'{"version": 1, "lists": {"x": {"provider": 3}}}'])  # fmt: skip
def test_a_damaged_cache_is_ignored_and_replaced(content: bytes) -> None:
    path = cache_dir() / "model_lists.json"
    path.write_bytes(content)
    cache = ModelListCache()
    assert cache.load_all() == {}
    assert cache.get("openai", "https://api.openai.com/v1") is None
    assert load_groups(Services(httpx.AsyncClient(), KeyStore(), Settings())) is not None  # no crash either

    cache.put(ModelList("openai", "https://api.openai.com/v1", AT, (ModelInfo("gpt-4o-mini"),)))
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 1
    assert [m.id for m in cache.load_all()[("openai", "https://api.openai.com/v1")].models] == ["gpt-4o-mini"]


def test_damaged_entries_inside_a_good_file_are_skipped() -> None:
    path = cache_dir() / "model_lists.json"
    path.write_text(json.dumps({"version": 1, "lists": {
        "a": {"provider": "openai", "base_url": "https://api.openai.com/v1", "fetched_at": "yesterday"},
        "b": {"provider": "groq", "base_url": "https://api.groq.com/openai/v1", "fetched_at": "2026-11-21T10:00:00",
              "models": [{"id": "ok-model", "context_window": "huge"}, {"name": "no id"}, 7]},
    }}), encoding="utf-8")  # fmt: skip
    lists = ModelListCache().load_all()
    (groq,) = lists.values()
    assert groq.provider == "groq" and groq.fetched_at.tzinfo is not None  # a naive time is taken as UTC
    assert groq.models == (ModelInfo("ok-model"),)


def test_prices_and_context_of_a_catalog_model() -> None:
    entry = model_entry("openai", "gpt-4o-mini", local=False, overrides={})
    assert (entry.input_per_million, entry.output_per_million, entry.price_source) == (0.15, 0.6, "catalog")
    assert entry.context_window == 128_000
    assert entry_summary(entry) == "$0.15 in / $0.60 out per 1M tokens · 128k context"

    listed = model_entry("openai", "gpt-4o-mini", local=False, overrides={},
                         info=ModelInfo("gpt-4o-mini", context_window=64_000))  # fmt: skip
    assert listed.context_window == 64_000  # the provider's own list wins over the catalog

    unknown = model_entry("openai", "my-org-finetune", local=False, overrides={})
    assert (unknown.input_per_million, unknown.price_source, unknown.context_window) == (None, "unknown", None)
    assert entry_summary(unknown) == "price unknown · context size unknown"


def test_price_overrides_count_and_are_labelled() -> None:
    overrides = {("openai", "gpt-4o-mini"): PriceOverride("openai", "gpt-4o-mini", 1.0, 2.0),
                 ("ollama", "*"): PriceOverride("ollama", "*", 0.5, 0.75)}  # fmt: skip
    mine = model_entry("openai", "gpt-4o-mini", local=False, overrides=overrides)
    assert (mine.input_per_million, mine.output_per_million, mine.price_source) == (1.0, 2.0, "override")
    assert format_per_million(mine.input_per_million, mine.price_source) == "$1.00 (override)"
    local = model_entry("ollama", "llama3.2:3b", local=True, overrides=overrides)
    assert (local.input_per_million, local.price_source) == (0.5, "override")  # an override beats "free"


def test_models_typed_before_stay_choosable() -> None:
    entries = build_entries("openai", [ModelInfo("gpt-4o"), ModelInfo("gpt-4o-mini")], local=False, overrides={},
                            recent=["gpt-4o-mini", "my-org-finetune", "my-org-finetune"])  # fmt: skip
    assert [(e.model, e.listed) for e in entries] == [("my-org-finetune", False), ("gpt-4o", True),
                                                      ("gpt-4o-mini", True)]  # fmt: skip


async def test_a_rejected_key_is_reported_without_the_key(loopback: LoopbackServer, client: httpx.AsyncClient,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    echo = {"error": {"message": f"Incorrect API key provided: {FAKE_KEY}. You can find your API key at "
                                 "https://platform.openai.com/account/api-keys.",
                      "type": "invalid_request_error", "code": "invalid_api_key"}}  # fmt: skip
    loopback.enqueue(Reply.json(echo, status=401))

    with pytest.raises(ProviderError) as caught:
        await fetch_models(services_for(client, at_loopback(loopback, "openai", "/v1")), "openai")

    assert loopback.requests[0].headers["authorization"] == f"Bearer {FAKE_KEY}"  # the key was really used
    err = caught.value
    assert (err.kind, err.status) == ("auth", 401)
    text = error_text(err)
    assert text.startswith("Could not fetch the model list: openai: Incorrect API key provided")
    assert "Check the API key" in text
    for shown in (text, str(err), err.describe(), repr(err)):
        assert FAKE_KEY not in shown
    assert not (cache_dir() / "model_lists.json").exists()  # nothing cached from a failure


async def test_no_key_no_server_and_unknown_providers_are_plain_errors(client: httpx.AsyncClient) -> None:
    with pytest.raises(ProviderError) as no_key:
        await fetch_models(services_for(client), "groq")
    assert no_key.value.kind == "auth" and "keys set groq" in no_key.value.describe()

    with socket.socket() as taken:  # bound but not listening: connections to it are refused
        taken.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{taken.getsockname()[1]}/v1"
        with pytest.raises(ProviderError) as down:
            await fetch_models(services_for(client, Settings(providers={"lmstudio": ProviderSettings(base_url=url)})),
                               "lmstudio")  # fmt: skip
    assert down.value.kind == "network"
    assert "check the base url" in error_text(down.value).lower()

    with pytest.raises(ProviderError) as unknown:
        await fetch_models(services_for(client), "no-such-provider")
    assert unknown.value.kind == "bad_request" and "no-such-provider" in unknown.value.describe()


def test_offered_providers(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(
        providers={"lmstudio": ProviderSettings(enabled=False)},
        custom_endpoints=[CustomEndpoint("my-vllm", "My vLLM", "http://127.0.0.1:9/v1", local=True, keyless=True),
                          CustomEndpoint("corp", "Corp gateway", "https://gateway.example/v1")],
    )  # fmt: skip
    services = Services(httpx.AsyncClient(), KeyStore(), settings)
    ModelListCache().put(ModelList("groq", "https://api.groq.com/openai/v1", AT, (ModelInfo("llama-3.1-8b-instant"),)))

    ids = [g.id for g in load_groups(services)]
    assert ids == ["groq", "ollama", "my-vllm", "corp"]  # cached, keyless (lmstudio disabled), custom endpoints

    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    groups = {g.id: g for g in load_groups(services, recent=[("corp", "corp-model"), ("cohere", "command-r")],
                                           current=("anthropic", "claude-sonnet-4-5"))}  # fmt: skip
    assert list(groups) == ["openai", "groq", "ollama", "anthropic", "cohere", "my-vllm", "corp"]
    assert groups["groq"].listing is not None and groups["openai"].listing is None
    assert [(e.model, e.listed, e.price_source) for e in groups["corp"].entries] == [("corp-model", False, "unknown")]
    assert groups["my-vllm"].local and groups["my-vllm"].name == "My vLLM"

    settings.providers["azure"] = ProviderSettings(base_url="https://parley-test.openai.azure.com",
                                                   deployments=["chat-prod"])  # fmt: skip
    azure = next(g for g in load_groups(services) if g.id == "azure")  # an endpoint of the user's: offered
    assert [(e.model, e.listed) for e in azure.entries] == [("chat-prod", False)]  # deployments are choosable


def test_entry_for_the_current_model_uses_the_cache() -> None:
    services = Services(httpx.AsyncClient(), KeyStore(), Settings())
    ModelListCache().put(ModelList("openai", "https://api.openai.com/v1", AT,
                                   (ModelInfo("gpt-4o-mini", context_window=131_072),)))  # fmt: skip
    entry = entry_for(services, "openai", "gpt-4o-mini")
    assert (entry.context_window, entry.price_source, entry.listed) == (131_072, "catalog", True)
    assert entry_for(services, "ollama", "llama3.2:3b").price_source == "free"
    assert entry_for(services, "nobody", "x").price_source == "unknown"


def test_words_for_sizes_and_ages() -> None:
    assert [format_context(n) for n in (None, 0, 512, 8192, 32_768, 128_000, 200_000, 1_048_576, 2_000_000)] == [
        "—", "—", "512", "8.19k", "33k", "128k", "200k", "1.05M", "2M"]  # fmt: skip
    assert format_per_million(None, "unknown") == "—"
    assert format_per_million(0.075, "catalog") == "$0.075"
    assert format_per_million(15.0, "catalog") == "$15.00"
    assert fetched_text(None) == "never fetched"
    assert fetched_text(AT - timedelta(seconds=20), now=AT) == "fetched just now"
    assert fetched_text(AT - timedelta(minutes=5, seconds=10), now=AT) == "fetched 5 min ago"
    assert fetched_text(AT - timedelta(hours=3), now=AT) == "fetched 3 h ago"
    assert fetched_text(AT - timedelta(days=1), now=AT) == "fetched 1 day ago"
    assert fetched_text(AT - timedelta(days=9), now=AT) == "fetched 9 days ago"
