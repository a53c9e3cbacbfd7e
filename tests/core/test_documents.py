"""Documents: text sniffed by content, PDFs read with pypdf (made by the tests), limits per provider, as text."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from app.core.documents import (
    ANTHROPIC_PDF,
    GEMINI_PDF,
    OPENAI_PDF,
    DocumentError,
    check_documents,
    describe,
    document_from_bytes,
    document_tokens,
    load_document,
    pdf_limits,
)
from app.providers import DocumentPart, get_spec
from tests.support.pdfs import damaged_pdf, encrypted_pdf, image_only_pdf, text_pdf


def test_text_and_code_files() -> None:
    doc = document_from_bytes("main.py", "print('héllo')\n".encode())
    assert (doc.mime_type, doc.text, doc.pages) == ("text/plain", "print('héllo')\n", None)
    assert document_from_bytes("bom.txt", b"\xef\xbb\xbfhi").text == "hi"
    assert document_from_bytes("empty.txt", b"").text == ""


def test_binary_and_other_encodings_are_refused_by_name() -> None:
    with pytest.raises(DocumentError, match=r"photo.png is not a text file"):
        document_from_bytes("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(DocumentError, match=r"latin.txt is not UTF-8 text"):
        document_from_bytes("latin.txt", "café".encode("latin-1"))


def test_a_pdf_is_told_by_its_content_not_its_name() -> None:
    doc = document_from_bytes("no-extension", text_pdf(["First page", "Second (page)"]))
    assert doc.is_pdf and doc.pages == 2
    assert doc.text == "First page\n\nSecond (page)"


def test_a_pdf_without_a_text_layer() -> None:
    doc = document_from_bytes("scan.pdf", image_only_pdf(3))
    assert doc.pages == 3 and doc.text is None


@pytest.mark.parametrize(("data", "why"), [
    (encrypted_pdf(), "is encrypted"),
    (damaged_pdf(), "is damaged"),
    (b"%PDF-1.7\n", "is damaged"),
])  # fmt: skip
def test_encrypted_and_damaged_pdfs_get_a_clear_error(data: bytes, why: str) -> None:
    with pytest.raises(DocumentError, match=why):
        document_from_bytes("x.pdf", data)


def test_size_limit_with_a_clear_message(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (2 * 1024 * 1024))
    with pytest.raises(DocumentError, match=r"big.txt is 2.0 MB, more than the 1 MB limit"):
        load_document(big, limit_mb=1)
    assert load_document(big, limit_mb=3).text == "a" * (2 * 1024 * 1024)
    with pytest.raises(FileNotFoundError):
        load_document(tmp_path / "missing.txt")


def test_who_reads_pdfs() -> None:
    assert pdf_limits(get_spec("anthropic")) is ANTHROPIC_PDF
    assert pdf_limits(get_spec("gemini")) is GEMINI_PDF
    assert pdf_limits(get_spec("openai")) is OPENAI_PDF  # chat completions take PDF file parts
    assert pdf_limits(replace(get_spec("openai"), protocol="openai_responses")) is OPENAI_PDF
    assert pdf_limits(replace(get_spec("azure"), protocol="azure_responses")) is OPENAI_PDF
    for text_only in ("groq", "azure", "mistral", "ollama", "cohere", "deepseek"):
        assert pdf_limits(get_spec(text_only)) is None, text_only


def test_no_text_found_for_a_text_only_provider() -> None:
    scan = document_from_bytes("scan.pdf", image_only_pdf(1))
    problem = check_documents(get_spec("groq"), (scan,))
    assert problem is not None and problem.startswith("no text found in scan.pdf")
    assert check_documents(get_spec("anthropic"), (scan,)) is None  # Claude reads the page itself


def test_page_and_size_limits() -> None:
    pages = DocumentPart("long.pdf", "application/pdf", b"%PDF-", "x", pages=101)
    assert "at most 100 pages" in (check_documents(get_spec("anthropic"), (pages,)) or "")
    assert check_documents(get_spec("gemini"), (pages,)) is None
    heavy = DocumentPart("heavy.pdf", "application/pdf", b"%PDF-" + b"0" * (21 * 1024 * 1024), "x", pages=2)
    assert "at most 20.0 MB" in (check_documents(get_spec("gemini"), (heavy,)) or "")
    assert check_documents(get_spec("anthropic"), (heavy,)) is None


def test_estimates_shown_before_sending() -> None:
    doc = document_from_bytes("r.pdf", text_pdf(["word " * 40, "more"]))
    assert document_tokens(doc, native=True) == 2 * 1500
    assert 40 < document_tokens(doc, native=False) < 100
    assert describe(doc, native=True) == "r.pdf: 2 pages, about 3,000 tokens"
    assert describe(document_from_bytes("a.txt", b"x" * 400), native=False) == "a.txt: about 109 tokens"


def test_pypdf_is_not_imported_until_a_pdf_is_read() -> None:
    code = ("import sys, app.core.documents, app.core.turn; from app.core.documents import document_from_bytes; "
            "document_from_bytes('a.txt', b'hi'); print('pypdf' in sys.modules)")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
