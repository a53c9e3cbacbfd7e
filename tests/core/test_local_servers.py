"""Local server detection against loopback servers on free ports (never the real default ports)."""

from __future__ import annotations

import httpx

from app.core.local_servers import detect_local_servers
from tests.support.loopback import LoopbackServer, Pause, Reply
from tests.support.ports import closed_port_url


async def test_both_servers_found_with_their_models(loopback: LoopbackServer) -> None:
    other = LoopbackServer().start()
    try:
        loopback.enqueue(Reply.json({"models": [{"name": "llama3.2:1b"}, {"name": "qwen2.5:0.5b"},
                                                {"model": "phi4"}]}))  # fmt: skip
        other.enqueue(Reply.json({"object": "list", "data": [{"id": "qwen2.5-7b-instruct"}]}))
        async with httpx.AsyncClient() as client:
            found = await detect_local_servers(client, ollama_url=loopback.url, lmstudio_url=other.url + "/v1")
    finally:
        other.stop()
    assert [(s.provider, s.models) for s in found] == [
        ("ollama", ("llama3.2:1b", "qwen2.5:0.5b", "phi4")),
        ("lmstudio", ("qwen2.5-7b-instruct",)),
    ]
    assert found[0].label == "Ollama (3 models found)" and found[1].label == "LM Studio (1 model found)"
    assert found[1].base_url == other.url + "/v1"
    assert loopback.requests[0].path == "/api/tags" and other.requests[0].path == "/v1/models"


async def test_nothing_listening_finds_nothing() -> None:
    async with httpx.AsyncClient() as client:
        assert await detect_local_servers(client, ollama_url=closed_port_url(), lmstudio_url=closed_port_url()) == []


async def test_a_server_that_is_not_a_model_server_is_ignored(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply(200, {"content-type": "text/html"}, [b"<html>a web app</html>"], chunked=False))
    async with httpx.AsyncClient() as client:
        assert await detect_local_servers(client, ollama_url=loopback.url, lmstudio_url=None) == []


async def test_an_error_status_is_not_a_server(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"error": "nope"}, status=404))
    async with httpx.AsyncClient() as client:
        assert await detect_local_servers(client, ollama_url=None, lmstudio_url=loopback.url + "/v1") == []


async def test_a_stalled_port_gives_up_quickly(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"models": []}, headers={}))
    stalled = Reply(200, {"content-type": "application/json"}, [Pause(5.0), b"{}"], delay_headers=5.0)
    other = LoopbackServer().start()
    try:
        other.enqueue(stalled)
        async with httpx.AsyncClient() as client:
            found = await detect_local_servers(client, ollama_url=loopback.url, lmstudio_url=other.url + "/v1",
                                               timeout=0.3)  # fmt: skip
    finally:
        other.stop()
    assert [s.provider for s in found] == ["ollama"]  # the stalled one is left out, the other still found
    assert found[0].models == () and found[0].label == "Ollama (0 models found)"
