"""Documents in every protocol's request: PDFs natively where the provider reads them, else their text."""

from __future__ import annotations

import base64
from dataclasses import replace
from typing import Any

import pytest

from app.providers import ChatRequest, DocumentPart, Message, ProviderError, get_spec
from app.providers.anthropic import chat_body as anthropic_body
from app.providers.cohere import chat_body as cohere_body
from app.providers.gemini import chat_body as gemini_body
from app.providers.ollama import chat_body as ollama_body
from app.providers.openai_chat import chat_body as openai_body
from app.providers.responses_items import responses_body
from tests.support.pdfs import image_only_pdf, text_pdf

PDF_BYTES = text_pdf(["Revenue rose 12%"])
PDF = DocumentPart("report.pdf", "application/pdf", PDF_BYTES, "Revenue rose 12%", 1)
NOTES = DocumentPart("notes.md", "text/plain", b"- buy milk", "- buy milk")
SCAN = DocumentPart("scan.pdf", "application/pdf", image_only_pdf(1), None, 1)
B64 = base64.b64encode(PDF_BYTES).decode()


def _request(*docs: DocumentPart) -> ChatRequest:
    return ChatRequest("m", (Message("user", "Summarise.", documents=docs),))


def _text_of(doc: DocumentPart) -> str:
    return f'<document name="{doc.name}">\n{doc.text}\n</document>'


def test_anthropic_document_blocks() -> None:
    [msg] = anthropic_body(_request(PDF, NOTES))["messages"]
    assert msg["content"] == [
        {"type": "document", "source": {"type": "base64", "media_type": "application/pdf", "data": B64},
         "title": "report.pdf"},
        {"type": "document", "source": {"type": "text", "media_type": "text/plain", "data": "- buy milk"},
         "title": "notes.md"},
        {"type": "text", "text": "Summarise."},
    ]  # fmt: skip


def test_gemini_inline_data() -> None:
    [content] = gemini_body(_request(PDF, NOTES))["contents"]
    assert content["parts"] == [{"inlineData": {"mimeType": "application/pdf", "data": B64}},
                                {"text": _text_of(NOTES)}, {"text": "Summarise."}]  # fmt: skip


def test_openai_file_input_on_both_apis() -> None:
    [msg] = openai_body(_request(PDF), quirks=get_spec("openai").quirks)["messages"]
    assert msg["content"][0] == {"type": "file", "file": {"filename": "report.pdf",
                                                          "file_data": f"data:application/pdf;base64,{B64}"}}
    [item] = responses_body(_request(PDF, NOTES))["input"]
    assert item["content"] == [
        {"type": "input_file", "filename": "report.pdf", "file_data": f"data:application/pdf;base64,{B64}"},
        {"type": "input_text", "text": _text_of(NOTES)},
        {"type": "input_text", "text": "Summarise."},
    ]


@pytest.mark.parametrize("provider", ["groq", "mistral", "deepseek", "azure"])
def test_openai_compatible_services_get_the_text(provider: str) -> None:
    [msg] = openai_body(_request(PDF, NOTES), quirks=get_spec(provider).quirks, provider=provider)["messages"]
    assert msg["content"] == [{"type": "text", "text": _text_of(PDF)}, {"type": "text", "text": _text_of(NOTES)},
                              {"type": "text", "text": "Summarise."}]  # fmt: skip


@pytest.mark.parametrize("body", [ollama_body, cohere_body], ids=["ollama", "cohere"])
def test_text_only_protocols_get_the_text_before_the_prompt(body: Any) -> None:
    messages = body(_request(PDF, NOTES))["messages"]
    assert messages[-1]["content"] == f"{_text_of(PDF)}\n\n{_text_of(NOTES)}\n\nSummarise."


def test_a_scan_is_never_sent_empty_to_a_text_only_protocol() -> None:
    with pytest.raises(ProviderError, match=r"no text found in scan\.pdf"):
        openai_body(_request(SCAN), provider="groq")
    with pytest.raises(ProviderError, match="no text found"):
        ollama_body(_request(SCAN))
    assert anthropic_body(_request(SCAN))["messages"][0]["content"][0]["type"] == "document"


def test_document_text_is_named_safely() -> None:
    odd = replace(NOTES, name='a "quoted" name.txt')
    assert odd.as_text().startswith("<document name=\"a 'quoted' name.txt\">")
