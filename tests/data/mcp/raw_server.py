"""A hand-written stdio MCP server (revision 2025-06-18, no SDK) that misbehaves on cue: `python raw_server.py MODE`.

Modes: ok, garbage (answers tools/call with a line that is not JSON), bad-result (a tools/call result of the
wrong shape), list-changed (announces a new tool after the first call), exit (fails at start), stubborn (ignores
SIGTERM and stays after its stdin ends: only SIGKILL ends it), noisy (prints a banner on stdout first), slow
(a minute before it reads its input).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time

MODE = sys.argv[1] if len(sys.argv) > 1 else "ok"
TOOLS = [{"name": "ping", "description": "Answer pong.", "inputSchema": {"type": "object", "properties": {}}}]


def send(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main() -> None:
    if MODE == "slow":
        time.sleep(60)  # takes its time before it reads anything
    if MODE == "exit":
        sys.stderr.write("raw_server: missing configuration, giving up\n")
        sys.exit(2)
    if MODE == "stubborn":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if MODE == "noisy":
        print("Server starting up... (a banner on stdout)", flush=True)
    calls = 0
    for line in sys.stdin:
        msg = json.loads(line)
        method, mid = msg.get("method"), msg.get("id")
        if mid is None:
            continue
        if method == "initialize":
            send({"jsonrpc": "2.0", "id": mid, "result": {
                "protocolVersion": "2025-06-18", "serverInfo": {"name": "raw", "version": "1"},
                "capabilities": {"tools": {"listChanged": True}}}})
        elif method == "tools/list":
            send({"jsonrpc": "2.0", "id": mid, "result": {"tools": TOOLS}})
        elif method == "tools/call":
            calls += 1
            name = msg["params"]["name"]
            if MODE == "garbage":
                sys.stdout.write("this is not json at all\n")
                sys.stdout.flush()
            elif MODE == "bad-result":
                send({"jsonrpc": "2.0", "id": mid, "result": {"content": "should be a list"}})
            elif name not in [t["name"] for t in TOOLS]:
                send({"jsonrpc": "2.0", "id": mid, "error": {"code": -32602, "message": f"Unknown tool: {name}"}})
            else:
                pong = {"content": [{"type": "text", "text": f"pong {os.getpid()}"}]}
                send({"jsonrpc": "2.0", "id": mid, "result": pong})
                if MODE == "list-changed" and calls == 1:
                    TOOLS.append({"name": "pong", "description": "New.", "inputSchema": {"type": "object"}})
                    send({"jsonrpc": "2.0", "method": "notifications/tools/list_changed"})
        else:
            send({"jsonrpc": "2.0", "id": mid, "error": {"code": -32601, "message": "Method not found"}})
    if MODE == "stubborn":
        while True:  # stdin ended: a well-behaved server would exit now
            time.sleep(1)


if __name__ == "__main__":
    main()
