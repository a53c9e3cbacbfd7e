"""A tool result as neutral data (text, images, resource links, structured JSON, an error flag), cut to a size cap.

The tool loop turns a `ToolResult` into each provider's tool-result message; the window shows it as data, never
as markup. Over the cap, the result is cut and its last text part is `[cut: N of M bytes]`: N bytes kept of
the M the server sent. Sizes are counted as the model would receive them: UTF-8 text, decoded image bytes, and
structured content (as JSON) only when the server sent no content blocks beside it, since the spec asks
servers to repeat structured content as text. A large part is measured without being copied whole.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import mcp_types

JsonValue = dict[str, Any] | list[Any] | str | int | float | bool | None
_SLICE = 1 << 16


@dataclass(frozen=True)
class TextPart:
    text: str


@dataclass(frozen=True)
class ImagePart:
    mime: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class ResourceLinkPart:
    uri: str
    name: str
    mime: str | None = None
    description: str | None = None

    def as_text(self) -> str:
        extra = f" ({self.mime})" if self.mime else ""
        about = f": {self.description}" if self.description else ""
        return f"[resource {self.name}{extra} <{self.uri}>{about}]"


Part = TextPart | ImagePart | ResourceLinkPart


@dataclass(frozen=True)
class ToolResult:
    parts: tuple[Part, ...]
    structured: JsonValue = None
    is_error: bool = False
    total_bytes: int = 0
    kept_bytes: int = 0

    @property
    def cut(self) -> bool:
        return self.kept_bytes < self.total_bytes

    def text(self) -> str:
        """Text parts and resource links joined by blank lines; images as a short note (for the CLI's
        `result` and for providers that take only text in a tool result)."""
        out: list[str] = []
        for p in self.parts:
            if isinstance(p, TextPart):
                out.append(p.text)
            elif isinstance(p, ResourceLinkPart):
                out.append(p.as_text())
            else:
                out.append(f"[image {p.mime}, {len(p.data)} bytes]")
        if not self.parts and self.structured is not None:
            out.append(json.dumps(self.structured, ensure_ascii=False))
        return "\n\n".join(out)


def cut_marker(kept: int, total: int) -> str:
    return f"[cut: {kept} of {total} bytes]"


def from_sdk(result: mcp_types.CallToolResult, cap: int) -> ToolResult:
    """The SDK's result as a ToolResult no larger than `cap` bytes (plus the cut marker)."""
    return convert(result.content, result.structured_content, result.is_error, cap)


def convert(content: Sequence[mcp_types.ContentBlock], structured: Any, is_error: bool, cap: int) -> ToolResult:
    budget = _Budget(cap)
    parts: list[Part] = []
    for block in content:
        part = _part(block, budget)
        if part is not None:
            parts.append(part)
    kept_structured: JsonValue = None
    if structured is not None:
        encoded = json.dumps(structured, ensure_ascii=False)
        if not content:  # the only copy the model gets: count it, and cut it like text when it does not fit
            text = budget.take_text(encoded)
            if len(text) == len(encoded):
                kept_structured = structured
            elif text:
                parts.append(TextPart(text))
        elif _utf8_len(encoded) <= budget.left:  # a copy of the content: kept when it fits, not counted
            kept_structured = structured
    if budget.cut:
        parts.append(TextPart(cut_marker(budget.kept, budget.total)))
    return ToolResult(tuple(parts), kept_structured, is_error, budget.total, budget.kept)


def _part(block: mcp_types.ContentBlock, budget: _Budget) -> Part | None:
    import mcp_types  # loaded already: the result came from the SDK

    if isinstance(block, mcp_types.TextContent):
        text = budget.take_text(block.text)
        return TextPart(text) if text else None
    if isinstance(block, mcp_types.ImageContent):
        data = budget.take_blob(block.data)
        return ImagePart(block.mime_type, data) if data is not None else None
    if isinstance(block, mcp_types.AudioContent):  # no provider takes audio in a tool result: say so, not drop it
        return TextPart(budget.take_text(f"[audio {block.mime_type}, {_b64_len(block.data)} bytes, not shown]"))
    if isinstance(block, mcp_types.ResourceLink):
        link = ResourceLinkPart(block.uri, block.name, block.mime_type, block.description)
        text = link.as_text()
        return link if budget.take_text(text) == text else None
    resource = block.resource  # an embedded resource: its text, or its blob as an image when it is one
    if isinstance(resource, mcp_types.TextResourceContents):
        text = budget.take_text(resource.text)
        return TextPart(text) if text else None
    mime = resource.mime_type or "application/octet-stream"
    if mime.startswith("image/"):
        data = budget.take_blob(resource.blob)
        return ImagePart(mime, data) if data is not None else None
    note = f"[resource {resource.uri} ({mime}, {_b64_len(resource.blob)} bytes), not shown]"
    return TextPart(budget.take_text(note))


class _Budget:
    def __init__(self, cap: int) -> None:
        self.left = max(cap, 0)
        self.total = 0
        self.kept = 0

    @property
    def cut(self) -> bool:
        return self.kept < self.total

    def take_text(self, text: str) -> str:
        size = _utf8_len(text)
        self.total += size
        if size <= self.left:
            self.left -= size
            self.kept += size
            return text
        head = _utf8_prefix(text, self.left)
        taken = _utf8_len(head)
        self.left -= taken
        self.kept += taken
        return head

    def take_blob(self, b64: str) -> bytes | None:
        """Decoded bytes when the whole blob fits; a blob is never cut in half (an image would break)."""
        size = _b64_len(b64)
        self.total += size
        if size > self.left:
            return None
        try:
            data = base64.b64decode(b64, validate=False)
        except (binascii.Error, ValueError):
            return None
        self.left -= len(data)
        self.kept += len(data)
        return data


def _utf8_len(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(len(text[i : i + _SLICE].encode("utf-8", "surrogatepass")) for i in range(0, len(text), _SLICE))


def _utf8_prefix(text: str, limit: int) -> str:
    """The longest prefix of `text` whose UTF-8 form has at most `limit` bytes, without encoding all of it."""
    if limit <= 0:
        return ""
    head = text[:limit]  # at most `limit` characters are needed, and each is at least one byte
    encoded = head.encode("utf-8", "surrogatepass")
    if len(encoded) <= limit:
        return head
    return encoded[:limit].decode("utf-8", "ignore")


def _b64_len(b64: str) -> int:
    """Decoded size of base64 text, without decoding it."""
    n = len(b64.rstrip())
    padding = len(b64.rstrip()) - len(b64.rstrip().rstrip("="))
    return max(n * 3 // 4 - padding, 0)
