"""The translation sources: up to date with the code, Spanish finished, placeholders kept, terms consistent."""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SPANISH = ROOT / "resources" / "i18n" / "parley_es.ts"

# One Spanish term for each of Parley's own words, throughout.
GLOSSARY = {
    r"\bAPI keys?\b": r"\bclaves? de API\b",
    r"\bproviders?\b": r"\bproveedor(es)?\b",
    r"\bbudgets?\b": r"\bpresupuestos?\b",
    r"\bconversations?\b": r"\bconversaci(ón|ones)\b",
}
_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d")


def _tool() -> ModuleType:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import i18n

        return i18n
    finally:
        sys.path.pop(0)


def _pairs() -> list[tuple[str, str, list[str]]]:
    out = []
    for ctx in ET.parse(SPANISH).getroot().iter("context"):
        for m in ctx.iter("message"):
            t = m.find("translation")
            if t is None or t.get("type") is not None:
                continue
            forms = [f.text or "" for f in t.iter("numerusform")] or [t.text or ""]
            out.append((ctx.findtext("name") or "", m.findtext("source") or "", forms))
    return out


def test_the_translation_sources_are_up_to_date_with_the_code() -> None:
    problems = _tool().check()
    assert not problems, "run: .venv/bin/python scripts/i18n.py update, then translate\n" + "\n".join(problems)


def test_spanish_is_finished() -> None:
    assert _tool().finished_share("es") >= 0.98


@pytest.mark.parametrize(("context", "source", "forms"), _pairs(), ids=lambda v: str(v)[:40])
def test_each_translation_keeps_its_placeholders(context: str, source: str, forms: list[str]) -> None:
    wanted = sorted(_PLACEHOLDER.findall(source))
    for form in forms:
        assert sorted(_PLACEHOLDER.findall(form)) == wanted, f"[{context}] {source!r} -> {form!r}"
        if re.search(r"&\w", source.replace("&&", "")):  # a mnemonic (Alt+letter) stays one
            assert re.search(r"&\w", form.replace("&&", "")), f"[{context}] {source!r} lost its mnemonic: {form!r}"


def test_parleys_terms_are_translated_the_same_way_everywhere() -> None:
    off = [f"[{ctx}] {src!r} -> {forms[0]!r}"
           for ctx, src, forms in _pairs()
           for en, es in GLOSSARY.items()
           if re.search(en, _PLACEHOLDER.sub("", src), re.IGNORECASE)  # a {provider} placeholder is no word
           and not any(re.search(es, f, re.IGNORECASE) for f in forms)]
    assert not off, "\n".join(off)
