"""A user's own OpenAI-compatible server: checked over a real socket (its list, else a one-token request), then
added as a custom endpoint that becomes the default and survives a restart."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from app.core.custom_servers import add_server, check_server, endpoint_id, looks_local, server_url
from app.core.model_lists import ModelListCache
from app.core.runtime import Runtime
from app.core.settings import CustomEndpoint, Settings, load_settings, save_settings
from tests.support.keys import files_holding
from tests.support.loopback import LoopbackServer, Reply
from tests.support.openai_server import error_reply, stream_reply
from tests.support.ports import closed_port_url

FAKE = "test-key-not-real-server-5521"


async def test_a_server_that_lists_its_models(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"object": "list", "data": [{"id": "qwen2.5-7b"}, {"id": "llama-3.2-3b"}]}))
    async with httpx.AsyncClient() as client:
        found = await check_server(client, f"  {loopback.url}/v1/ ", FAKE)
    assert found.ok and found.models == ("llama-3.2-3b", "qwen2.5-7b") and "2 models" in found.message  # sorted
    assert found.base_url == loopback.url + "/v1"
    sent = loopback.requests[0]
    assert sent.path == "/v1/models" and sent.headers["authorization"] == f"Bearer {FAKE}"


async def test_without_a_key_none_is_sent(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"data": [{"id": "m"}]}))
    async with httpx.AsyncClient() as client:
        assert (await check_server(client, loopback.url + "/v1", "  ")).ok
    assert "authorization" not in loopback.requests[0].headers


async def test_a_rejected_key_is_said_without_the_key(loopback: LoopbackServer) -> None:
    loopback.enqueue(error_reply(401, f"Invalid key {FAKE}", code="invalid_api_key"))
    async with httpx.AsyncClient() as client:
        found = await check_server(client, loopback.url + "/v1", FAKE, model="m")
    assert not found.ok and found.models == ()
    assert FAKE not in found.message + found.advice and "key" in found.advice.lower()
    assert len(loopback.requests) == 1  # a rejected key is not tried again with a chat request


async def test_a_server_without_a_list_is_sent_one_token(loopback: LoopbackServer) -> None:
    loopback.enqueue(error_reply(404, "Not Found"))
    async with httpx.AsyncClient() as client:
        found = await check_server(client, loopback.url + "/v1")
    assert not found.ok and "type the model's name" in found.advice

    loopback.enqueue(error_reply(404, "Not Found"))
    loopback.enqueue(stream_reply(["Hello"]))
    async with httpx.AsyncClient() as client:
        found = await check_server(client, loopback.url + "/v1", model="my-model")
    assert found.ok and found.models == ("my-model",) and "my-model answered" in found.message
    sent = loopback.requests[-1]
    assert sent.path == "/v1/chat/completions"
    body = sent.json()
    assert body["model"] == "my-model" and body.get("max_tokens", body.get("max_completion_tokens")) == 1


@pytest.mark.parametrize(("url", "said"), [
    ("ftp://localhost:1234/v1", "must start with http:// or https://"),
    ("", "must start with http:// or https://"),
    ("http://localhost:0/v1", "port 0"),
])  # fmt: skip
async def test_a_malformed_url_is_said_before_any_request(url: str, said: str) -> None:
    async with httpx.AsyncClient() as client:
        found = await check_server(client, url)
    assert not found.ok and said in found.message and "http://localhost:1234/v1" in found.advice


async def test_nothing_listening_is_said_plainly() -> None:
    async with httpx.AsyncClient() as client:
        found = await check_server(client, closed_port_url("/v1"), model="m")
    assert not found.ok and "nothing is listening" in found.message


async def test_the_scheme_people_leave_out_is_added(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"data": [{"id": "m"}]}))
    typed = loopback.url.removeprefix("http://") + "/v1"  # "127.0.0.1:PORT/v1", as people type it
    async with httpx.AsyncClient() as client:
        found = await check_server(client, typed)
    assert found.ok and found.base_url == loopback.url + "/v1"
    assert server_url("gpu-box.local:8000/v1") == "http://gpu-box.local:8000/v1"
    assert server_url("llm.example.com/v1") == "https://llm.example.com/v1"  # elsewhere: https


def test_local_and_ids() -> None:
    assert looks_local("http://127.0.0.1:8000/v1") and looks_local("http://localhost:1234/v1")
    assert looks_local("http://192.168.1.20:8000/v1") and looks_local("http://gpu-box.local:8000/v1")
    assert not looks_local("https://api.example.com/v1") and not looks_local("http://8.8.8.8/v1")
    assert endpoint_id("My vLLM box!", set()) == "my-vllm-box"
    assert endpoint_id("openai", {"openai", "openai-2"}) == "openai-3" and endpoint_id("  ", set()) == "server"


async def test_an_added_server_is_the_default_after_a_restart(loopback: LoopbackServer, parley_home: Path) -> None:
    runtime = Runtime()
    save_settings(Settings(custom_endpoints=[CustomEndpoint("my-server", "Other", "http://10.0.0.9:1/v1")]))
    added = await add_server(runtime, "My server", loopback.url + "/v1/", FAKE, "qwen2.5-7b",
                             ("qwen2.5-7b", "llama-3.2-3b"))  # fmt: skip
    assert added.endpoint.id == "my-server-2" and added.endpoint.local and not added.endpoint.keyless
    assert added.notes == ()
    assert runtime.settings().defaults.provider == "my-server-2"  # in use at once
    assert runtime.keys.get("my-server-2").source == "keychain"
    assert files_holding(parley_home, FAKE) == []  # the key only in the keychain

    saved = load_settings().settings  # what the next start reads
    assert (saved.defaults.provider, saved.defaults.model) == ("my-server-2", "qwen2.5-7b") and saved.welcome_done
    assert saved.custom_endpoint("my-server-2") == added.endpoint
    listing = ModelListCache().get("my-server-2", loopback.url + "/v1")
    assert listing is not None and [m.id for m in listing.models] == ["qwen2.5-7b", "llama-3.2-3b"]

    again = await add_server(runtime, "My server", loopback.url + "/v1", None, "llama-3.2-3b")  # same URL: reused
    assert again.endpoint.id == "my-server-2" and len(load_settings().settings.custom_endpoints) == 2
    assert load_settings().settings.defaults.model == "llama-3.2-3b"
    with pytest.raises(ValueError, match="model"):
        await add_server(runtime, "My server", loopback.url + "/v1", None, " ")
    await runtime.aclose()


async def test_without_a_keychain_the_key_is_kept_for_the_session(loopback: LoopbackServer, parley_home: Path) -> None:
    from keyring.backends.fail import Keyring as FailKeyring

    from app.core.keys import KeyStore

    runtime = Runtime(keys=KeyStore(FailKeyring()))
    added = await add_server(runtime, "Box", loopback.url + "/v1", FAKE, "m")
    assert runtime.keys.get("box").source == "session" and not added.endpoint.keyless
    assert any("this session only" in note for note in added.notes)
    assert files_holding(parley_home, FAKE) == []
    await runtime.aclose()
