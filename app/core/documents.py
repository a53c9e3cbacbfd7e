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


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{max(1, round(n / 1024))} KB"


def load_document(path: str | Path, *, limit_mb: float = DEFAULT_LIMIT_MB) -> DocumentPart:
    """A file as a document. OSError when it cannot be read; DocumentError when it cannot be sent."""
    p = Path(path).expanduser()
    size = p.stat().st_size
    if size > limit_mb * MB:
        raise DocumentError(_too_large(p.name, size, limit_mb))
    return document_from_bytes(p.name, p.read_bytes(), limit_mb=limit_mb)


def _too_large(name: str, size: int, limit_mb: float) -> str:
    return (f"{name} is {_size(size)}, more than the {limit_mb:g} MB limit for a document (Settings: document "
            "size limit)")  # fmt: skip


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
        raise DocumentError(f"{name} is not a text file (it holds binary data); attach text, code or PDF files")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"{name} is not UTF-8 text (byte {exc.start} cannot be read); save it as UTF-8 "
                            "and attach it again") from None  # fmt: skip


def read_pdf(name: str, data: bytes) -> DocumentPart:
    """The PDF's page count and text (None when it has no text layer)."""
    from pypdf import PdfReader  # lazy: ~100-250 ms, only when a PDF is attached
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes on odd files are not for the user
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(f"{name} is encrypted (password-protected); remove the password and attach it again")
        pages = len(reader.pages)
        text = "\n\n".join((page.extract_text() or "").strip() for page in reader.pages).strip()
    except DocumentError:
        raise
    except FileNotDecryptedError:
        raise DocumentError(f"{name} is encrypted (password-protected); remove the password and attach it "
                            "again") from None  # fmt: skip
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError,
            NotImplementedError, OSError) as exc:  # fmt: skip
        raise DocumentError(f"{name} is damaged or not a PDF that can be read ({type(exc).__name__}); nothing was "
                            "sent") from None  # fmt: skip
    if pages == 0:
        raise DocumentError(f"{name} has no pages")
    return DocumentPart(name, "application/pdf", data, text=text or None, pages=pages)


def document_tokens(doc: DocumentPart, *, native: bool) -> int:
    """About how many input tokens the document costs: its text, or per page when a PDF is read natively."""
    text = estimate_tokens(doc.as_text() if doc.text else doc.name)
    if doc.is_pdf and native:
        return max(text, (doc.pages or 1) * PAGE_TOKENS)
    return text


def describe(doc: DocumentPart, *, native: bool) -> str:
    """A line to show before sending: "report.pdf: 3 pages, about 4,500 tokens"."""
    pages = f"{doc.pages} page{'s' if doc.pages != 1 else ''}, " if doc.pages else ""
    return f"{doc.name}: {pages}about {document_tokens(doc, native=native):,} tokens"


def check_documents(spec: ProviderSpec, documents: tuple[DocumentPart, ...]) -> str | None:
    """Why these documents cannot go to this provider, in plain words, or None. Checked before sending."""
    pdfs = [d for d in documents if d.is_pdf]
    if not pdfs:
        return None
    limits = pdf_limits(spec)
    if limits is None:
        empty = [d.name for d in pdfs if not (d.text or "").strip()]
        if empty:
            return (f"no text found in {', '.join(empty)}: it has no text layer (a scan?) and {spec.name} reads text "
                    "only; pick a model that reads PDFs (Anthropic, Gemini, OpenAI)")  # fmt: skip
        return None
    pages = sum(d.pages or 0 for d in pdfs)
    size = sum(len(d.data) for d in pdfs)
    if pages > limits.max_pages:
        return f"the PDFs have {pages} pages; {limits.reader} reads at most {limits.max_pages} pages in one request"
    if size > limits.max_bytes:
        return (f"the PDFs are {_size(size)}; {limits.reader} takes at most {_size(limits.max_bytes)} of PDFs in "
                "one request")  # fmt: skip
    return None
