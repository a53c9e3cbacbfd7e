"""Small PDFs made by the tests themselves: pages of known text, a page with no text layer, encrypted, damaged."""

from __future__ import annotations

import io


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _assemble(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.writelines(f"{off:010d} 00000 n \n".encode() for off in offsets)
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _pdf(streams: list[bytes]) -> bytes:
    """Catalog (1), pages (2), font (3), then a page and its content stream per entry."""
    count = len(streams)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]  # fmt: skip
    for i, stream in enumerate(streams):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> "
                       f">> /Contents {5 + 2 * i} 0 R >>".encode())  # fmt: skip
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    return _assemble(objects)


def text_pdf(pages: list[str]) -> bytes:
    """One page per string, each drawn as a line of Helvetica text."""
    return _pdf([f"BT /F1 14 Tf 72 720 Td ({_escape(text)}) Tj ET".encode("latin-1") for text in pages])


def image_only_pdf(pages: int = 2) -> bytes:
    """Pages that only paint shapes: what a scan without OCR looks like to a text extractor."""
    return _pdf([b"0.2 0.4 0.8 rg 72 400 300 200 re f"] * pages)


def encrypted_pdf(text: str = "secret text", password: str = "s3cret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf([text]))))
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def damaged_pdf() -> bytes:
    """A PDF's opening with its body cut off and garbage after it."""
    return text_pdf(["gone"])[:60] + b"\x00\xff garbage without objects or a trailer"
