"""What can go wrong with an MCP server, as one exception with a kind and a message a user (and a model) can read.

    McpError(server, kind, message, log_path)
      kind: start_failed   the server did not start (no such program, exited at once, no answer in time,
                           connection refused, a bad URL)
            crashed        it stopped during a call; it is started again on the next use
            timeout        a call took longer than the server's tool timeout; the server was asked to cancel it
            server_error   it answered the call with a JSON-RPC error (unknown tool, bad arguments...)
            protocol       it sent something that is not MCP (not JSON-RPC, a malformed result)
            network        an HTTP server could not be reached or broke the connection
            auth           an HTTP server wants a sign-in (or refused the token)
            unknown_tool   the model asked for a function name that was never offered
            disabled       the server or the tool is turned off

A tool that ran and failed (`isError` in its result) is not an McpError: it is a ToolResult with is_error set,
which goes back to the model as it is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

ErrorKind = Literal[
    "start_failed", "crashed", "timeout", "server_error", "protocol", "network", "auth", "unknown_tool", "disabled"
]


class McpError(Exception):
    def __init__(self, server: str, kind: ErrorKind, message: str, log_path: Path | None = None) -> None:
        super().__init__(message)
        self.server = server
        self.kind: ErrorKind = kind
        self.message = message
        self.log_path = log_path  # the server's stderr log, for "Open log"

    def __repr__(self) -> str:
        return f"McpError({self.server!r}, {self.kind!r}, {self.message!r})"
