"""Images attached to prompts: read, sniffed by content (not by file name) and size-checked."""

from __future__ import annotations

from pathlib import Path

from app.providers import ImagePart

MAX_IMAGE_BYTES = 20 * 1024 * 1024

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def sniff_mime(data: bytes) -> str | None:
    for magic, mime in _MAGIC:
        if data.startswith(magic):
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def image_from_bytes(data: bytes, name: str = "image") -> ImagePart:
    if len(data) > MAX_IMAGE_BYTES:
        raise ValueError(f"{name} is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB")
    mime = sniff_mime(data)
    if mime is None:
        raise ValueError(f"{name} is not a PNG, JPEG, GIF or WebP image")
    return ImagePart(mime, data)


def load_image(path: Path) -> ImagePart:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"cannot read image {str(path)!r}: {exc.strerror or exc}") from None
    return image_from_bytes(data, repr(str(path)))
