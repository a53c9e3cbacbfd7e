"""Function names: `server__tool`, [A-Za-z0-9_-], at most 64 characters, unique, ending with the tool's name."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from app.core.mcp.names import MAX_NAME, assign_names, sanitise

VALID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def test_plain_names() -> None:
    names = assign_names([("adder", "add"), ("files", "read_file")])
    assert names.name("adder", "add") == "adder__add"
    assert names.lookup("files__read_file") == ("files", "read_file")
    assert names.lookup("nope") is None


def test_sanitised_and_starting_with_a_letter() -> None:
    names = assign_names([("my server.v2", "get.weather"), ("1password", "lookup")])
    assert names.name("my server.v2", "get.weather") == "my_server_v2__get_weather"
    assert names.name("1password", "lookup") == "_1password__lookup"
    assert names.lookup("my_server_v2__get_weather") == ("my server.v2", "get.weather")  # the original names


def test_long_server_name_is_cut_and_the_tool_name_kept() -> None:
    server = "a-very-long-server-name-that-goes-on-and-on-and-on-forever-and-ever"
    name = assign_names([(server, "search_documents")]).name(server, "search_documents")
    assert len(name) == MAX_NAME and name.endswith("__search_documents")


def test_collisions_get_a_number_in_the_server_part() -> None:
    names = assign_names([("my.server", "go"), ("my_server", "go"), ("my server", "go")])
    got = [names.name(s, "go") for s in ("my.server", "my_server", "my server")]
    assert got == ["my_server__go", "my_server_2__go", "my_server_3__go"]


def test_reserved_names_are_avoided() -> None:
    names = assign_names([("web", "search")], reserved=["web__search"])
    assert names.name("web", "search") == "web_2__search"


def test_a_tool_name_too_long_to_prefix() -> None:
    tool = "t" * 70
    names = assign_names([("a", tool), ("b", tool)])
    first, second = names.name("a", tool), names.name("b", tool)
    assert first == "t" * 64 and len(second) == 64 and second != first


def test_collisions_with_almost_no_room_stay_within_64() -> None:
    tool = "t" * 61
    names = assign_names([("a", tool), ("a.", tool), ("a ", tool)])
    assert all(VALID.fullmatch(n) for n in names.by_name) and len(names.by_name) == 3


@given(st.lists(st.tuples(st.text(min_size=1, max_size=80), st.text(min_size=1, max_size=80)), max_size=30))
def test_names_are_valid_unique_and_end_with_the_tool(pairs: list[tuple[str, str]]) -> None:
    names = assign_names(pairs)
    values = list(names.by_tool.values())
    assert len(values) == len(set(values)) == len(set(pairs))
    for (server, tool), name in names.by_tool.items():
        assert VALID.fullmatch(name), name
        assert names.lookup(name) == (server, tool)
        if len(sanitise(tool)) <= MAX_NAME - 3:
            assert name.endswith("__" + sanitise(tool))
