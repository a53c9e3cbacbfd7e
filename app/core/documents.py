"""Documents a user attaches: text and code files (UTF-8, told apart from binary by content) and PDFs.

A PDF is read with pypdf (imported on first use: about 100-250 ms) for its page count and text; an encrypted
or damaged one is refused with a clear message and nothing is sent. Protocols that read PDFs themselves get
the file (within their documented page and size limits, below); the others get its text, and a PDF with no
text layer cannot go to them ("no text found").
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path

from app.providers import DocumentPart, ProviderSpec
from app.providers.catalog import PDF_FILE_INPUT
from app.words import Words, translate

from .pricing import estimate_tokens

DEFAULT_LIMIT_MB = 32.0  # the settings' default for one document (Settings.document_limit_mb)
PDF_MAGIC = b"%PDF-"
SNIFF_BYTES = 8192
PAGE_TOKENS = 1500  # a rough cost of one PDF page read natively (its text and an image of the page)
MB = 1024 * 1024


class DocumentError(ValueError):
    """A document cannot be sent: too large, not text, not UTF-8, encrypted, damaged, or beyond a limit."""


@dataclass(frozen=True, slots=True)
class PdfLimits:
    """What one request may carry in PDFs read natively, as the provider documents it."""

    reader: str  # who reads them, for messages
    max_pages: int
    max_bytes: int
    source: str


ANTHROPIC_PDF = PdfLimits("Anthropic", 100, 32 * MB,
                          "https://docs.anthropic.com/en/docs/build-with-claude/pdf-support (checked 2026-03)")
GEMINI_PDF = PdfLimits("Gemini", 1000, 20 * MB,  # inline data: the whole request under 20 MB
                       "https://ai.google.dev/gemini-api/docs/document-processing (checked 2026-03)")
OPENAI_PDF = PdfLimits("OpenAI", 100, 32 * MB,
                       "https://platform.openai.com/docs/guides/pdf-files (checked 2026-03)")
_NATIVE: dict[str, PdfLimits] = {"anthropic": ANTHROPIC_PDF, "gemini": GEMINI_PDF, "openai_responses": OPENAI_PDF,
                                 "azure_responses": OPENAI_PDF}  # fmt: skip


def pdf_limits(spec: ProviderSpec) -> PdfLimits | None:
    """The limits of a provider that reads PDFs itself (as its adapter sends them), or None: it gets text."""
    if spec.protocol == "openai_chat" and spec.has(PDF_FILE_INPUT):
        return OPENAI_PDF
    return _NATIVE.get(spec.protocol)


def _size(n: int) -> Words:
    if n >= MB:
        return translate("Documents", "{size} MB").format(size=f"{n / MB:.1f}")
    return translate("Documents", "{size} KB").format(size=max(1, round(n / 1024)))


def load_document(path: str | Path, *, limit_mb: float = DEFAULT_LIMIT_MB) -> DocumentPart:
    """A file as a document. OSError when it cannot be read; DocumentError when it cannot be sent."""
    p = Path(path).expanduser()
    size = p.stat().st_size
    if size > limit_mb * MB:
        raise DocumentError(_too_large(p.name, size, limit_mb))
    return document_from_bytes(p.name, p.read_bytes(), limit_mb=limit_mb)


def _too_large(name: str, size: int, limit_mb: float) -> Words:
    return translate("Documents", "{name} is {size}, more than the {limit} MB limit for a document (Settings: "
                     "document size limit)").format(name=name, size=_size(size), limit=f"{limit_mb:g}")


def document_from_bytes(name: str, data: bytes, *, limit_mb: float = DEFAULT_LIMIT_MB) -> DocumentPart:
    """Bytes (a dropped or pasted file) as a document: a PDF by its signature, else UTF-8 text."""
    if len(data) > limit_mb * MB:
        raise DocumentError(_too_large(name, len(data), limit_mb))
    if data.lstrip(b"\r\n\t \x00")[:5] == PDF_MAGIC:
        return read_pdf(name, data)
    return DocumentPart(name, "text/plain", data, text=read_text(name, data))


def read_text(name: str, data: bytes) -> str:
    """UTF-8 text (a BOM is dropped). Binary content (NUL bytes) and other encodings are refused by name."""
    if b"\x00" in data[:SNIFF_BYTES]:
        raise DocumentError(translate("Documents", "{name} is not a text file (it holds binary data); attach text, "
                                      "code or PDF files").format(name=name))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(translate("Documents", "{name} is not UTF-8 text (byte {byte} cannot be read); save it "
                                      "as UTF-8 and attach it again").format(name=name, byte=exc.start)) from None


def read_pdf(name: str, data: bytes) -> DocumentPart:
    """The PDF's page count and text (None when it has no text layer)."""
    from pypdf import PdfReader  # lazy: ~100-250 ms, only when a PDF is attached
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes on odd files are not for the user
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(_encrypted(name))
        pages = len(reader.pages)
        text = "\n\n".join((page.extract_text() or "").strip() for page in reader.pages).strip()
    except DocumentError:
        raise
    except FileNotDecryptedError:
        raise DocumentError(_encrypted(name)) from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
            NotImplementedError, OSError) as exc:  # fmt: skip
        raise DocumentError(translate("Documents", "{name} is damaged or not a PDF that can be read ({error}); "
                                      "nothing was sent").format(name=name, error=type(exc).__name__)) from None
    if pages == 0:
        raise DocumentError(translate("Documents", "{name} has no pages").format(name=name))
    return DocumentPart(name, "application/pdf", data, text=text or None, pages=pages)


def _encrypted(name: str) -> Words:
    return translate("Documents", "{name} is encrypted (password-protected); remove the password and attach it "
                     "again").format(name=name)


def document_tokens(doc: DocumentPart, *, native: bool) -> int:
    """About how many input tokens the document costs: its text, or per page when a PDF is read natively."""
    text = estimate_tokens(doc.as_text() if doc.text else doc.name)
    if doc.is_pdf and native:
        return max(text, (doc.pages or 1) * PAGE_TOKENS)
    return text


def describe(doc: DocumentPart, *, native: bool) -> str:
    """A line to show before sending: "report.pdf: 3 pages, about 4,500 tokens"."""
    tokens = f"{document_tokens(doc, native=native):,}"
    if doc.pages == 1:
        return translate("Documents", "{name}: 1 page, about {tokens} tokens").format(name=doc.name, tokens=tokens)
    if doc.pages:
        return translate("Documents", "{name}: {count} pages, about {tokens} tokens").format(
            name=doc.name, count=doc.pages, tokens=tokens)
    return translate("Documents", "{name}: about {tokens} tokens").format(name=doc.name, tokens=tokens)


def check_documents(spec: ProviderSpec, documents: tuple[DocumentPart, ...]) -> str | None:
    """Why these documents cannot go to this provider, in plain words, or None. Checked before sending."""
    pdfs = [d for d in documents if d.is_pdf]
    if not pdfs:
        return None
    limits = pdf_limits(spec)
    if limits is None:
        empty = [d.name for d in pdfs if not (d.text or "").strip()]
        if empty:
            return translate("Documents", "no text found in {files}: it has no text layer (a scan?) and {provider} "
                             "reads text only; pick a model that reads PDFs (Anthropic, Gemini, OpenAI)").format(
                files=", ".join(empty), provider=spec.name)
        return None
    pages = sum(d.pages or 0 for d in pdfs)
    size = sum(len(d.data) for d in pdfs)
    if pages > limits.max_pages:
        return translate("Documents", "the PDFs have {pages} pages; {reader} reads at most {most} pages in one "
                         "request").format(pages=pages, reader=limits.reader, most=limits.max_pages)
    if size > limits.max_bytes:
        return translate("Documents", "the PDFs are {size}; {reader} takes at most {most} of PDFs in one "
                         "request").format(size=_size(size), reader=limits.reader, most=_size(limits.max_bytes))
    return None
