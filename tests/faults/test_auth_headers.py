"""A custom header can never replace or add to the credentials a protocol sends, whatever its case or padding."""

from __future__ import annotations

import pytest

from app.providers import adapter_for
from tests.support.fault_bodies import KEY, PROTOCOL_WIRES, Wire
from tests.support.fault_harness import Harness, endpoint, new_client
from tests.support.loopback import LoopbackServer

AUTH_NAMES = {"authorization", "api-key", "x-api-key", "x-goog-api-key"}
HOSTILE = (
    ("AUTHORIZATION", "Bearer stolen-1"),
    ("authorization", "Bearer stolen-2"),
    ("Api-Key", "stolen-3"),
    ("X-API-KEY", "stolen-4"),
    ("x-goog-api-key", "stolen-5"),
    ("X-Goog-Api-Key", "stolen-6"),
    ("Authorization ", "Bearer stolen-7"),
    (" x-api-key", "stolen-8"),
    ("API-KEY\t", "stolen-9"),
    ("X-Custom-Trace", "kept"),
)


@pytest.mark.parametrize("wire", PROTOCOL_WIRES, ids=[w.name for w in PROTOCOL_WIRES])
async def test_custom_headers_cannot_override_auth(wire: Wire, loopback: LoopbackServer) -> None:
    loopback.enqueue(wire.good(["ok"]))
    ep = endpoint(wire, loopback.url, extra_headers=HOSTILE)
    async with new_client() as client:
        run = await Harness(wire, loopback, client).run(ep=ep)
    assert run.reply.error is None, run.reply.error
    assert run.reply.text == "ok"
    [req] = loopback.requests
    sent = [(name.lower(), value) for name, value in req.raw_headers]
    credentials = [(name, value) for name, value in sent if name in AUTH_NAMES]
    assert credentials == [(wire.auth_header, wire.auth_value)]  # exactly one, ours, in the protocol's header
    assert not any("stolen" in value for _, value in sent)
    assert ("x-custom-trace", "kept") in sent  # harmless custom headers still go out
    assert KEY not in req.path


@pytest.mark.parametrize("wire", PROTOCOL_WIRES, ids=[w.name for w in PROTOCOL_WIRES])
def test_built_headers_hold_one_credential(wire: Wire) -> None:
    """The pure builder, too: every protocol's chat, model-list and embedding calls."""
    adapter = adapter_for(endpoint(wire, "http://127.0.0.1:9", extra_headers=HOSTILE))
    from app.providers import ChatRequest, Message

    calls = [adapter.build_chat(ChatRequest(model="m", messages=(Message("user", "hi"),))), adapter.build_list_models()]
    if wire.name != "anthropic":
        calls.append(adapter.build_embed("m", ["x"]))
    for call in calls:
        names = [name.strip().lower() for name in call.headers]
        assert [n for n in names if n in AUTH_NAMES] == [wire.auth_header], call.url
        assert not any("stolen" in v for v in call.headers.values())
