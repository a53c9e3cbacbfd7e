"""A conversation that used tools, through core's library and spending: export (Markdown and JSON), import,
search, the turn's steps in the ledger, and the tools a conversation chose."""

from __future__ import annotations

import json

from app.core.chat_params import ChatParams, save_setup
from app.core.history import Conversations
from app.core.runtime import Runtime
from app.core.turn import Turn
from tests.support.loopback import LoopbackServer
from tests.support.mcp_servers import stdio_server
from tests.support.tool_turns import ask_for, call, calls_reply, run_turn, text_reply, toolbox

ADDER = stdio_server("adder", "adder.py")


async def _turn(runtime: Runtime, loopback: LoopbackServer) -> Turn:
    loopback.enqueue(calls_reply("openai_chat", call("c1", "adder__echo", {"text": "```pelican```"}),
                                 call("c2", "adder__add", {"a": 40, "b": 2})),
                     text_reply("openai_chat", "The pelican says 42."))  # fmt: skip
    async with toolbox(ADDER) as (tools, _):
        return await run_turn(runtime, ask_for(loopback.url, tools=tools))


async def test_export_import_and_search(runtime: Runtime, loopback: LoopbackServer) -> None:
    turn = await _turn(runtime, loopback)
    library = runtime.library
    conv = turn.conversation_id
    assert conv is not None and turn.message_id is not None
    markdown = library.export_markdown(conv)
    assert "**Tool call** `adder__echo` (adder/echo)" in markdown
    assert "Result:\n\n````text\n```pelican```\n````" in markdown  # a longer fence than the result holds
    assert '```json\n{"a": 40, "b": 2}\n```' in markdown and markdown.rstrip().endswith("The pelican says 42.")
    doc = json.loads(json.dumps(library.export_json(conv)))
    [copy], skipped = library.import_documents([doc])
    assert skipped == []
    store = runtime.store
    assert store is not None
    before = Conversations(store).history(conv)
    after = Conversations(store).history(copy)
    assert before == after and [m.role for m in after] == ["user", "assistant", "tool", "tool", "assistant"]
    assert {h.conversation_id for h in library.search("pelican")} == {conv, copy}
    assert [s.step for s in library.tool_steps(turn.message_id)] == [1, 2]


async def test_the_ledger_shows_the_turns_steps(runtime: Runtime, loopback: LoopbackServer) -> None:
    turn = await _turn(runtime, loopback)
    assert turn.message_id is not None
    rows = runtime.spending.turn_steps(turn.message_id)
    assert [(r.step, r.message_id, r.finish_reason) for r in rows] == [
        (1, turn.message_id, "tool_calls"), (2, turn.message_id, "stop")]  # fmt: skip
    assert [r.ttft_ms is not None and r.duration_ms is not None for r in rows] == [True, True]


def test_a_conversation_remembers_its_tools(runtime: Runtime) -> None:
    store = runtime.store
    assert store is not None
    conv = store.create_conversation("T")
    library = runtime.library
    assert library.tool_choice(conv) is None
    library.save_tool_choice(conv, ["adder", "files/read"])
    save_setup(store, conv, ChatParams(temperature=0.5), "openai", "m")  # parameters saved later keep the choice
    assert library.tool_choice(conv) == ["adder", "files/read"]
    library.save_tool_choice(conv, [])
    assert library.tool_choice(conv) == []
    library.save_tool_choice(conv, None)
    assert library.tool_choice(conv) is None
