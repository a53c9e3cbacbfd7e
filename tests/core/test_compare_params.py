"""Per-pane parameters in core: checked in plain words, sent only by their own pane."""

from __future__ import annotations

import httpx
import pytest

from app.core.compare import Comparison, params_of, with_params
from app.core.resilience import Resilience, Target
from app.providers import ChatRequest, Endpoint, Message, get_spec, with_base_url
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply

BASE = ChatRequest(model="m", messages=(Message("user", "hi"),))


def test_with_params_sets_only_what_is_given_and_params_of_reads_it_back() -> None:
    assert with_params(BASE, {}) is BASE
    assert with_params(BASE, {"temperature": None, "json_mode": False}) is BASE
    got = with_params(BASE, {"temperature": 0, "max_tokens": 5, "reasoning_effort": "medium", "json_mode": True})
    assert (got.temperature, got.max_tokens, got.reasoning_effort, got.json_mode) == (0.0, 5, "medium", True)
    assert got.messages == BASE.messages and got.model == "m"
    assert params_of(got) == {"temperature": 0.0, "max_tokens": 5, "reasoning_effort": "medium", "json_mode": True}
    assert params_of(BASE) == {}


@pytest.mark.parametrize(
    ("params", "words"),
    [({"temperature": 2.5}, "temperature must be a number from 0 to 2"), ({"temperature": True}, "temperature"),
     ({"temperature": "hot"}, "temperature"), ({"max_tokens": 0}, "max tokens must be a whole number"),
     ({"max_tokens": 1.5}, "max tokens"), ({"reasoning_effort": "extreme"}, "low, medium or high")],
)  # fmt: skip
def test_values_no_provider_takes_are_refused(params: dict[str, object], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        with_params(BASE, params)


def _target(server: LoopbackServer, model: str) -> Target:
    return Target(Endpoint(with_base_url(get_spec("openai"), server.url + "/v1"), api_key="test-key-not-real"), model)


async def test_each_pane_sends_its_own_request(loopback: LoopbackServer) -> None:
    loopback.handler = lambda req: stream_reply([req.json()["model"]], model=req.json()["model"])
    requests = [with_params(BASE, {"temperature": 0.1}), with_params(BASE, {"max_tokens": 7})]
    async with httpx.AsyncClient() as client:
        cmp = Comparison(Resilience(client), [[_target(loopback, "one")], [_target(loopback, "two")]], BASE,
                         requests=requests)  # fmt: skip
        replies = await cmp.execute()
    assert [r.text for r in replies] == ["one", "two"]
    bodies = {r.json()["model"]: r.json() for r in loopback.requests}
    assert bodies["one"]["temperature"] == 0.1 and "max_tokens" not in bodies["one"]
    assert "temperature" not in bodies["two"]
    assert bodies["two"].get("max_completion_tokens", bodies["two"].get("max_tokens")) == 7
