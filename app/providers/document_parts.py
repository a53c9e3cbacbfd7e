"""Documents (text files and PDFs) in each protocol's own shape, or as text where a protocol reads no PDFs.

Protocols that read PDFs get the file itself (Anthropic document blocks, Gemini inline data, OpenAI file
parts); every other protocol gets the text extracted before sending, named so the model can tell documents
apart. A PDF with no text layer cannot go to a text-only protocol: core refuses it before sending ("no text
found"), and the adapters refuse it too rather than send an empty document.
"""

from __future__ import annotations

from typing import Any

from .errors import make_error
from .types import DocumentPart, Message


def no_text_found(doc: DocumentPart, provider: str = "") -> Exception:
    return make_error("bad_request", f"no text found in {doc.name}: it has no text layer (a scan?), and this model "
                      "reads text only; pick a model that reads PDFs (Claude, Gemini, GPT-4o or later)",
                      provider=provider)  # fmt: skip


def as_text(doc: DocumentPart, provider: str = "") -> str:
    if doc.is_pdf and not (doc.text or "").strip():
        raise no_text_found(doc, provider)
    return doc.as_text()


def with_documents_as_text(msg: Message, provider: str = "") -> str:
    """The message's text after its documents' text, for protocols that take plain text only."""
    if not msg.documents:
        return msg.text
    return "\n\n".join([*(as_text(d, provider) for d in msg.documents), *([msg.text] if msg.text else [])])


def anthropic_block(doc: DocumentPart) -> dict[str, Any]:
    if doc.is_pdf:
        source: dict[str, Any] = {"type": "base64", "media_type": "application/pdf", "data": doc.b64()}
    else:
        source = {"type": "text", "media_type": "text/plain", "data": doc.text or ""}
    return {"type": "document", "source": source, "title": doc.name}


def gemini_part(doc: DocumentPart) -> dict[str, Any]:
    if doc.is_pdf:
        return {"inlineData": {"mimeType": "application/pdf", "data": doc.b64()}}
    return {"text": doc.as_text()}


def openai_chat_part(doc: DocumentPart, *, pdf_input: bool, provider: str = "") -> dict[str, Any]:
    """A chat-completions content part: the PDF as a `file` part where the service reads them, else text."""
    if doc.is_pdf and pdf_input:
        return {"type": "file", "file": {"filename": doc.name, "file_data": doc.data_url()}}
    return {"type": "text", "text": as_text(doc, provider)}
