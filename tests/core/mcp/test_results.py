"""Tool results as neutral data, and the size cap with its exact `[cut: N of M bytes]` ending."""

from __future__ import annotations

import base64

import mcp_types as t
import pytest

from app.core.mcp.results import ImagePart, ResourceLinkPart, TextPart, convert, from_sdk

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(40))
B64 = base64.b64encode(PNG).decode()


def _image(data: bytes = PNG, mime: str = "image/png") -> t.ImageContent:
    return t.ImageContent(data=base64.b64encode(data).decode(), mime_type=mime)


def test_every_kind_of_content() -> None:
    content: list[t.ContentBlock] = [
        t.TextContent(text="hello"),
        _image(),
        t.ResourceLink(uri="file:///a.txt", name="a.txt", mime_type="text/plain", description="A file"),
        t.EmbeddedResource(resource=t.TextResourceContents(uri="file:///b", text="embedded text")),
        t.EmbeddedResource(resource=t.BlobResourceContents(uri="file:///c.png", blob=B64, mime_type="image/png")),
        t.AudioContent(data=base64.b64encode(b"RIFF" * 10).decode(), mime_type="audio/wav"),
    ]
    result = convert(content, None, False, 100_000)
    assert result.parts == (
        TextPart("hello"),
        ImagePart("image/png", PNG),
        ResourceLinkPart("file:///a.txt", "a.txt", "text/plain", "A file"),
        TextPart("embedded text"),
        ImagePart("image/png", PNG),
        TextPart("[audio audio/wav, 40 bytes, not shown]"),
    )
    assert not result.cut and not result.is_error
    assert "[resource a.txt (text/plain) <file:///a.txt>: A file]" in result.text()


def test_structured_content_and_error_flag_come_through() -> None:
    sdk = t.CallToolResult(content=[t.TextContent(text='{"n": 3}')], structured_content={"n": 3}, is_error=True)
    result = from_sdk(sdk, 1000)
    assert result.structured == {"n": 3} and result.is_error and result.total_bytes == len('{"n": 3}')


def test_structured_content_alone_is_the_text() -> None:
    result = convert([], {"rows": [1, 2]}, False, 1000)
    assert result.parts == () and result.text() == '{"rows": [1, 2]}'


@pytest.mark.parametrize("cap", [0, 1, 5, 99, 100])
def test_text_over_the_cap_is_cut_and_says_so(cap: int) -> None:
    result = convert([t.TextContent(text="a" * 60), t.TextContent(text="b" * 40)], None, False, cap)
    content = result.parts[:-1] if result.cut else result.parts
    kept = "".join(p.text for p in content if isinstance(p, TextPart))
    assert len(kept.encode()) == min(cap, 100) == result.kept_bytes
    assert result.cut == (cap < 100)
    if cap < 100:
        assert result.parts[-1] == TextPart(f"[cut: {cap} of 100 bytes]")
        assert result.text().endswith(f"[cut: {cap} of 100 bytes]")


def test_cut_never_splits_a_character() -> None:
    result = convert([t.TextContent(text="é" * 10)], None, False, 5)  # two bytes each
    assert result.parts == (TextPart("éé"), TextPart("[cut: 4 of 20 bytes]"))


def test_an_image_over_the_cap_is_left_out_whole() -> None:
    result = convert([t.TextContent(text="shot:"), _image()], None, False, 20)
    assert result.parts == (TextPart("shot:"), TextPart(f"[cut: 5 of {5 + len(PNG)} bytes]"))


def test_structured_copy_is_dropped_when_it_does_not_fit_but_the_text_is_kept() -> None:
    text = '{"big": "' + "x" * 50 + '"}'
    result = convert([t.TextContent(text=text)], {"big": "x" * 50}, False, 70)
    assert result.parts == (TextPart(text),) and result.structured is None and not result.cut


def test_ten_megabytes_are_cut_to_the_cap() -> None:
    big = "y" * 10_000_000
    result = convert([t.TextContent(text=big)], None, False, 100_000)
    assert result.parts[0] == TextPart("y" * 100_000)
    assert result.text().endswith("[cut: 100000 of 10000000 bytes]")
    nonascii = "ж" * 5_000_000  # 10 MB in UTF-8, measured without encoding it whole
    assert convert([t.TextContent(text=nonascii)], None, False, 10).parts[-1] == TextPart("[cut: 10 of 10000000 bytes]")
