"""The domain never imports Qt: importing every domain module in a fresh interpreter loads no Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import app

ROOT = Path(__file__).resolve().parent.parent


def _domain_modules() -> list[str]:
    names = ["app.cli", "app.cli_keys"]
    for pkg in ("providers", "core", "store"):
        path = Path(app.__file__).parent / pkg
        if path.exists():
            names.append(f"app.{pkg}")
            names += [f"app.{pkg}.{m.name}" for m in pkgutil.iter_modules([str(path)])]
    return names


def test_domain_modules_do_not_import_qt() -> None:
    modules = _domain_modules()
    assert "app.providers.openai_chat" in modules and "app.core.chat" in modules
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'qasync') "
        "or m.startswith('app.ui'))\n"
        "print(','.join(bad))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"Qt leaked into the domain: {proc.stdout}"
