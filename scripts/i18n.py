"""Translations: `update` collects the sentences into resources/i18n/*.ts, `build` compiles them to .qm, `check` says
whether the .ts files are up to date with the code (exit 1 when not).

    .venv/bin/python scripts/i18n.py update   # after adding or changing a sentence; then translate it (Qt Linguist:
                                              # .venv/bin/pyside6-linguist resources/i18n/parley_es.ts, or by hand)
    .venv/bin/python scripts/i18n.py build    # set-up, CI and packaging run this; the .qm files are not committed
    .venv/bin/python scripts/i18n.py fill es FILE.json   # translations from {"context": {"source": "text" or
                                              # ["one", "many"]}}, for translating many sentences at once
    .venv/bin/python scripts/i18n.py missing es          # the sentences not translated yet, as that JSON shape

Sentences are collected from every module under app/ (the window's `translate(...)` and core's `app.words.translate`).
`build` also makes the test language `pseudo` (every sentence about 40% longer, accented and bracketed) from the
Spanish file's sources, for layout checks (PARLEY_LANGUAGE=pseudo).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
LANGUAGES = {"es": "es_ES"}  # code: the .ts target language
TOOLS = Path(sys.executable).parent


def tool(name: str) -> str:
    found = TOOLS / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py"))


def lupdate(ts: Path, target: str) -> None:
    with tempfile.NamedTemporaryFile("w", suffix=".lst", delete=False) as lst:
        lst.write("\n".join(sources()) + "\n")
    try:
        subprocess.run([tool("pyside6-lupdate"), "-silent", "-locations", "none", "-no-obsolete",
                        "-source-language", "en_US", "-target-language", target, f"@{lst.name}", "-ts", str(ts)],
                       cwd=ROOT, check=True)  # fmt: skip
    finally:
        Path(lst.name).unlink()


def messages(ts: Path) -> set[tuple[str, str, str]]:
    """(context, source, comment) of every message the file holds."""
    root = ET.parse(ts).getroot()
    return {(ctx.findtext("name") or "", m.findtext("source") or "", m.findtext("comment") or "")
            for ctx in root.iter("context") for m in ctx.iter("message")}  # fmt: skip


def update() -> None:
    I18N.mkdir(parents=True, exist_ok=True)
    for code, target in LANGUAGES.items():
        lupdate(I18N / f"parley_{code}.ts", target)


def check() -> list[str]:
    """What differs between the code's sentences and each .ts file, in plain words (empty when up to date)."""
    problems = []
    for code, target in LANGUAGES.items():
        committed = I18N / f"parley_{code}.ts"
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / committed.name
            if committed.exists():
                shutil.copy(committed, fresh)
            lupdate(fresh, target)
            new, old = messages(fresh), messages(committed) if committed.exists() else set()
        for ctx, src, _ in sorted(new - old):
            problems.append(f"{committed.name}: not collected yet: [{ctx}] {src!r}")
        for ctx, src, _ in sorted(old - new):
            problems.append(f"{committed.name}: no longer in the code: [{ctx}] {src!r}")
    return problems


_KEEP = re.compile(r"(\{[^{}]*\}|%n|%\d|&&|&(?=\w)|<[^>]+>|&\w+;)")
_ACCENTED = str.maketrans("aceinosuyACEINOSUY", "àçéîñöšûýÀÇÉÎÑÖŠÛÝ")


def pseudo(text: str) -> str:
    """Accented, bracketed and about 40% longer; placeholders, mnemonics and markup kept."""
    parts = [p if _KEEP.fullmatch(p) else p.translate(_ACCENTED) for p in _KEEP.split(text)]
    return "⟦" + "".join(parts) + "·" * max(1, round(len(text) * 0.4) - 2) + "⟧"


def pseudo_ts(spanish: Path, out: Path) -> None:
    tree = ET.parse(spanish)
    root = tree.getroot()
    root.set("language", "en_US")
    for m in root.iter("message"):
        source = m.findtext("source") or ""
        translation = m.find("translation")
        if translation is None:
            translation = ET.SubElement(m, "translation")
        translation.attrib.pop("type", None)
        for child in list(translation):
            translation.remove(child)
        if m.get("numerus") == "yes":
            translation.text = None
            for _ in range(2):
                ET.SubElement(translation, "numerusform").text = pseudo(source)
        else:
            translation.text = pseudo(source)
    tree.write(out, encoding="utf-8", xml_declaration=True)


def build() -> None:
    I18N.mkdir(parents=True, exist_ok=True)
    for code in LANGUAGES:
        ts = I18N / f"parley_{code}.ts"
        if ts.exists():
            subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
                           check=True)  # fmt: skip
    spanish = I18N / "parley_es.ts"
    if spanish.exists():
        with tempfile.TemporaryDirectory() as tmp:
            ts = Path(tmp) / "parley_pseudo.ts"
            pseudo_ts(spanish, ts)
            subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(I18N / "parley_pseudo.qm")],
                           check=True)  # fmt: skip


def fill(code: str, table: dict[str, dict[str, str | list[str]]]) -> int:
    """Put translations from `table` into parley_<code>.ts (finished, unless empty); returns how many were set."""
    ts = I18N / f"parley_{code}.ts"
    tree = ET.parse(ts)
    done = 0
    for ctx in tree.getroot().iter("context"):
        wanted = table.get(ctx.findtext("name") or "", {})
        for m in ctx.iter("message"):
            text = wanted.get(m.findtext("source") or "")
            if not text:
                continue
            translation = m.find("translation")
            if translation is None:
                translation = ET.SubElement(m, "translation")
            translation.attrib.pop("type", None)
            for child in list(translation):
                translation.remove(child)
            if isinstance(text, list):
                translation.text = None
                for form in text:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = text
            done += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    update()  # written back in lupdate's own layout, so the file stays stable
    return done


def missing(code: str) -> dict[str, dict[str, str | list[str]]]:
    out: dict[str, dict[str, str | list[str]]] = {}
    for ctx in ET.parse(I18N / f"parley_{code}.ts").getroot().iter("context"):
        for m in ctx.iter("message"):
            translation = m.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
                empty: str | list[str] = ["", ""] if m.get("numerus") == "yes" else ""
                out.setdefault(ctx.findtext("name") or "", {})[m.findtext("source") or ""] = empty
    return out


def finished_share(code: str) -> float:
    """The share of messages with a finished translation (1.0 when there are none)."""
    root = ET.parse(I18N / f"parley_{code}.ts").getroot()
    all_messages = list(root.iter("message"))
    done = [m for m in all_messages if (t := m.find("translation")) is not None and t.get("type") is None]
    return len(done) / len(all_messages) if all_messages else 1.0


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "build"
    if command == "update":
        update()
    elif command == "build":
        build()
    elif command == "fill":
        print(f"{fill(argv[1], json.loads(Path(argv[2]).read_text('utf-8')))} translations set")
    elif command == "missing":
        print(json.dumps(missing(argv[1]), ensure_ascii=False, indent=1))
    elif command == "check":
        problems = check()
        print("\n".join(problems) or "The translation sources are up to date.")
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
