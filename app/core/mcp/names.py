"""Function names for MCP tools: `server__tool` within [A-Za-z0-9_-] and 64 characters, unique, reversible.

A name always ends with the tool's own (sanitised) name when that fits in 64 characters, so the model sees
`adder__add` and the log shows which server it came from. Collisions (two servers whose names sanitise alike,
or a prefix cut short) get a number in the server part, never in the tool part.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

MAX_NAME = 64
SEPARATOR = "__"
_BAD = re.compile(r"[^A-Za-z0-9_-]")


def sanitise(text: str) -> str:
    """Characters outside [A-Za-z0-9_-] become `_`; an empty result becomes `_`."""
    return _BAD.sub("_", text) or "_"


@dataclass(frozen=True)
class NameMap:
    """Function names for (server, tool) pairs and the way back."""

    by_tool: dict[tuple[str, str], str]
    by_name: dict[str, tuple[str, str]]

    def name(self, server: str, tool: str) -> str:
        return self.by_tool[(server, tool)]

    def lookup(self, function_name: str) -> tuple[str, str] | None:
        """(server, tool) for a function name the model used, or None for a name we never offered."""
        return self.by_name.get(function_name)


def assign_names(pairs: Iterable[tuple[str, str]], reserved: Iterable[str] = ()) -> NameMap:
    """Names for every (server, tool) pair, in a stable order (the order given), avoiding `reserved` names."""
    taken = set(reserved)
    by_tool: dict[tuple[str, str], str] = {}
    for server, tool in dict.fromkeys(pairs):
        name = _unique(server, tool, taken)
        taken.add(name)
        by_tool[(server, tool)] = name
    return NameMap(by_tool, {v: k for k, v in by_tool.items()})


def _unique(server: str, tool: str, taken: set[str]) -> str:
    tool_part = sanitise(tool)
    server_part = sanitise(server)
    if not server_part[0].isalpha() and server_part[0] != "_":
        server_part = "_" + server_part  # some providers (Gemini) want a letter or `_` first
    room = MAX_NAME - len(tool_part) - len(SEPARATOR)
    if room < 1:  # the tool's own name alone is (nearly) too long: keep as much of it as fits, then number it
        base = tool_part[:MAX_NAME]
        return _numbered(base, taken, lambda n: base[: MAX_NAME - len(n)] + n)
    candidate = server_part[:room] + SEPARATOR + tool_part
    if candidate not in taken:
        return candidate

    def numbered(n: str) -> str:
        if len(n) <= room:
            return server_part[: room - len(n)] + n + SEPARATOR + tool_part
        return tool_part[: MAX_NAME - len(n)] + n  # no room left for a number before the tool's name

    return _numbered(candidate, taken, numbered)


def _numbered(first: str, taken: set[str], build: Callable[[str], str]) -> str:
    """`first` if free, else `build("_2")`, `build("_3")`... until one is free."""
    if first not in taken:
        return first
    n = 2
    while (candidate := build(f"_{n}")) in taken:
        n += 1
    return candidate
