"""`parley --smoke-test`: start the real window in a temp home and check what a frozen build can lose."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.ui.desktop_check import BUNDLED_X11, load_error, missing_libraries
from app.ui.desktop_start import desktop_ready

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.startup import Session

SMOKE_FLAG = "--smoke-test"
OUT_ENV = "PARLEY_SMOKE_OUT"  # also write the JSON line to this file (windowed builds have no stdout)
FIRST_PAINT_TIMEOUT = 10.0  # seconds; a cold frozen start on a slow disk is well under this
CHECK_TIMEOUT = 20.0  # seconds per check; a keychain call can hang on a stuck D-Bus

# Plugins a user needs (PLATFORM-NOTES "PyInstaller"), by plugin folder, as file stems without "lib".
# The platform theme follows the desktop's light/dark theme; ibus and compose are CJK and dead-key typing.
NEEDED_PLUGINS: dict[str, dict[str, tuple[str, ...]]] = {
    "linux": {
        "platforms": ("qxcb", "qwayland", "qoffscreen", "qminimal"),
        "wayland-shell-integration": ("xdg-shell",),
        "platformthemes": ("qxdgdesktopportal",),
        "platforminputcontexts": ("ibusplatforminputcontextplugin", "composeplatforminputcontextplugin"),
        "iconengines": ("qsvgicon",),
    },
    "win32": {"platforms": ("qwindows", "qoffscreen", "qminimal"), "iconengines": ("qsvgicon",)},
    "darwin": {"platforms": ("qcocoa", "qoffscreen", "qminimal"), "iconengines": ("qsvgicon",)},
}
# Loaded (dlopen) to prove their libraries are all there; the xcb one is what fails with "found but could not load".
LOAD_CHECKED = ("platforms/qxcb", "platformthemes/qxdgdesktopportal",
                "platforminputcontexts/ibusplatforminputcontextplugin",
                "platforminputcontexts/composeplatforminputcontextplugin")  # fmt: skip
# Loaded only where the system has libwayland (the bundle leaves it to the system: packaging/bundle_rules.py).
WAYLAND_CHECKED = ("platforms/qwayland", "wayland-shell-integration/xdg-shell")
KEYRING_ENTRY_POINT = {"linux": "SecretService", "win32": "Windows", "darwin": "macOS"}


def run_smoke_test(args: Sequence[str]) -> int:
    """Open the window offscreen or on screen, run the checks, print one JSON line; 0 when all passed."""
    from app.core.paths import HOME_ENV

    if not desktop_ready(args):  # the same start-up check as the window's (app/main.py)
        return 1

    t0 = time.perf_counter()
    old_home = os.environ.get(HOME_ENV)
    with tempfile.TemporaryDirectory(prefix="parley-smoke-") as folder:
        home = Path(folder)
        os.environ[HOME_ENV] = str(home)  # settings, log and database in the temp dir, never the user's
        try:
            findings = _run([a for a in args if a != SMOKE_FLAG], home, t0)
        finally:
            _close_logs_under(home)
            if old_home is None:
                os.environ.pop(HOME_ENV, None)
            else:
                os.environ[HOME_ENV] = old_home
    line = json.dumps(findings, ensure_ascii=False)
    target = os.environ.get(OUT_ENV)
    if target:
        Path(target).write_text(line + "\n", encoding="utf-8")
    if sys.stdout is not None:  # None in a windowed Windows build: use PARLEY_SMOKE_OUT there
        print(line, flush=True)
    return 0 if findings["ok"] else 1


def _run(args: Sequence[str], home: Path, t0: float) -> dict[str, Any]:
    import PySide6

    from app.ui.crash import setup_logging
    from app.ui.startup import create_application, open_window

    app = create_application(args)
    session = open_window(app, setup_logging())
    findings: dict[str, Any] = {"smoke": "parley", "ok": False, "problems": [],
                                "frozen": bool(getattr(sys, "frozen", False)), "python": sys.version.split()[0],
                                "pyside6": PySide6.__version__, "qt_platform": app.platformName()}  # fmt: skip
    try:
        session.loop.run_until_complete(_checks(session, home, t0, findings))
    finally:
        session.close()
    crash = session.crash
    findings["unexpected_errors"] = crash.count
    if crash.count:
        findings["problems"].append(f"{crash.count} unexpected errors (see the log)")
    findings["elapsed_ms"] = round((time.perf_counter() - t0) * 1000)
    findings["ok"] = not findings["problems"]
    return findings


async def _checks(session: Session, home: Path, t0: float, out: dict[str, Any]) -> None:
    from app.ui.startup import bring_up, shut_down

    window = session.window
    try:
        report: dict[str, Any] = {}
        # As a real start: httpx, the adapters, the database in the temp home.
        await bring_up(session, t0, report, FIRST_PAINT_TIMEOUT)
        out["window_shown"] = report["painted"] and window.isVisible()
        out["first_paint_ms"] = report["first_paint_ms"]
        if not out["window_shown"]:
            out["problems"].append("the window was not painted")
        out["providers"] = window.chat_panel.provider_box.count()
        out["database"] = window.library.saving
        if not window.library.saving:
            out["problems"].append(f"database: {window.library.problem or 'not opened'}")
        for name, check in (("fts5", _check_fts5), ("ca_bundle", _check_ca_bundle), ("keyring", _check_keyring),
                            ("pricing", _check_pricing)):  # fmt: skip
            await _record(out, name, check, home)
        _check_plugins(out)
        _check_figures(out, window)
        _check_resources(out)
        _check_bundled_x11(out)
    finally:
        closed = asyncio.Event()
        window.closed.connect(closed.set)
        window.close()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(closed.wait(), 5.0)
        await shut_down(session)


async def _record(out: dict[str, Any], name: str, check: Callable[[Path], dict[str, Any]], home: Path) -> None:
    """Run one blocking check in a worker thread; its findings go into `out`, a failure into `problems`."""
    try:
        found = await asyncio.wait_for(asyncio.to_thread(check, home), CHECK_TIMEOUT)
    except asyncio.TimeoutError:
        out[name] = False
        out["problems"].append(f"{name}: no answer within {CHECK_TIMEOUT:.0f} s")
        return
    except Exception as exc:  # a smoke test reports every failure, whatever its kind
        out[name] = False
        out["problems"].append(f"{name}: {type(exc).__name__}: {exc}")
        return
    problem = found.pop("problem", None)
    out.update(found)
    if problem:
        out["problems"].append(f"{name}: {problem}")


def _check_fts5(home: Path) -> dict[str, Any]:
    from app.core.self_check import check_search

    return check_search(home / "smoke-fts.db")


def _check_ca_bundle(home: Path) -> dict[str, Any]:
    """certifi's bundle is on disk and httpx's default TLS context loads CA certificates from it."""
    import certifi
    import httpx

    path = Path(certifi.where())
    stats = httpx.create_ssl_context().cert_store_stats()
    ok = path.is_file() and stats.get("x509_ca", 0) > 0
    return {"ca_bundle": ok, "ca_bundle_path": str(path), "ca_certs": stats.get("x509_ca", 0),
            "problem": None if ok else f"{path} missing or no CA certificates loaded"}  # fmt: skip


def _check_keyring(home: Path) -> dict[str, Any]:
    """Which backend keyring picks here (the real one, whatever PARLEY_KEYRING says) and which it knows of."""
    from importlib.metadata import entry_points

    import keyring

    from app.core.keys import KeyStore

    names = sorted(ep.name for ep in entry_points(group="keyring.backends"))
    backend = keyring.get_keyring()
    status = KeyStore(backend).status()
    wanted = KEYRING_ENTRY_POINT.get(sys.platform)
    problem = None
    if wanted and wanted not in names:
        problem = f"keyring's {wanted} backend is not registered (its dist-info metadata is missing?)"
    return {"keyring_backend": status.backend, "keychain_usable": status.available,
            "keyring_entry_points": names, "problem": problem}  # fmt: skip


def _check_pricing(home: Path) -> dict[str, Any]:
    """genai-prices' bundled snapshot prices a known model offline."""
    from app.core.pricing import price
    from app.providers.types import Usage

    cost = price("openai", "gpt-4o-mini", Usage(input_tokens=1000, output_tokens=1000), spec_local=False, overrides={})
    ok = cost.source == "catalog" and (cost.cost_usd or 0) > 0
    return {"pricing": ok, "problem": None if ok else f"gpt-4o-mini priced as {cost.source}: {cost.detail}"}


def _check_figures(out: dict[str, Any], window: MainWindow) -> None:
    """A formula (ziamath and its font files) and a Mermaid diagram (our layout, QPainter) are drawn."""
    from PySide6.QtGui import QColor

    from app.core.mermaid import layout
    from app.ui.diagram_paint import LIGHT, measure_with, scene_image
    from app.ui.math_image import MathError, math_svg

    font = window.font()
    try:
        svg = math_svg("x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}", True, QColor("black").name(), 16.0)
        scene = layout("flowchart TD\n  A[Start] --> B{Works?}\n  B -->|yes| C[Done]", measure_with(font))
        image = scene_image(scene, LIGHT, font, 1.0)
        out["figures"] = "<path" in svg.svg and not image.isNull() and len(scene.node_boxes()) == 3
    except (MathError, OSError, ValueError) as exc:
        out["figures"] = False
        out["problems"].append(f"figures: {type(exc).__name__}: {exc}")
        return
    if not out["figures"]:
        out["problems"].append("figures: a formula or a diagram was not drawn")


def _check_resources(out: dict[str, Any]) -> None:
    """The icons are bundled and draw, and each language the window offers loads with Qt's own words for it."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from app.ui.i18n import LANGUAGES
    from app.ui.icons import icon
    from app.ui.resources import resources_dir

    icons = sorted(p.stem for p in (resources_dir() / "icons").glob("*.svg"))
    drawn = bool(icons) and not icon(icons[0]).pixmap(16, 16).isNull()
    out["icons"] = len(icons)
    if not drawn:
        out["problems"].append(f"icons: none found or drawn in {resources_dir() / 'icons'}")
    translations: dict[str, bool] = {}
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for code in [c for c in LANGUAGES if c != "en"]:
        ours, qts = QTranslator(), QTranslator()
        translations[code] = ours.load(f"parley_{code}", str(resources_dir() / "i18n")) and not ours.isEmpty()
        translations[f"qtbase_{code}"] = qts.load(f"qtbase_{code}", qt_folder)
    out["translations"] = translations
    if bad := [name for name, ok in translations.items() if not ok]:
        out["problems"].append(f"translations that do not load: {', '.join(bad)}")


def _check_plugins(out: dict[str, Any]) -> None:
    """The Qt plugins a user needs are bundled, and the Linux ones load (their libraries are all there)."""
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QPluginLoader

    roots = [*QCoreApplication.libraryPaths(), QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)]
    found: dict[str, dict[str, str]] = {}
    for root in dict.fromkeys(roots):
        for folder in NEEDED_PLUGINS.get(sys.platform, {}):
            for path in sorted((Path(root) / folder).glob("*")):
                if path.suffix in (".so", ".dll", ".dylib"):
                    found.setdefault(folder, {}).setdefault(_plugin_stem(path.name), str(path))
    out["qt_plugins"] = {folder: sorted(stems) for folder, stems in sorted(found.items())}
    for folder, stems in NEEDED_PLUGINS.get(sys.platform, {}).items():
        missing = [s for s in stems if s not in found.get(folder, {})]
        if missing:
            out["problems"].append(f"Qt {folder} plugins missing: {', '.join(missing)}")
    if sys.platform != "linux":
        return
    loadable: dict[str, bool | str] = {}
    has_wayland = missing_libraries(["libwayland-client.so.0"]) == []
    for key in (*LOAD_CHECKED, *(WAYLAND_CHECKED if has_wayland else ())):
        folder, stem = key.split("/")
        plugin_file = found.get(folder, {}).get(stem)
        if plugin_file is None:
            continue
        loader = QPluginLoader(plugin_file)
        loadable[key] = True if loader.load() else loader.errorString()
        if loadable[key] is not True:
            out["problems"].append(f"Qt plugin {key} does not load: {loadable[key]}")
    out["qt_plugins_loadable"] = loadable


def _check_bundled_x11(out: dict[str, Any]) -> None:
    """A frozen build carries the X11 libraries a fresh desktop may lack, and each loads from the bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if sys.platform != "linux" or bundle is None:
        return
    found: dict[str, bool | str] = {}
    for name in BUNDLED_X11:
        path = Path(bundle) / name
        found[name] = (load_error(str(path)) or True) if path.is_file() else "not in the bundle"
    out["bundled_x11_libs"] = found
    bad = {name: why for name, why in found.items() if why is not True}
    if bad:
        out["problems"].append(f"X11 libraries the bundle must carry: {bad}")


def _plugin_stem(filename: str) -> str:
    stem = filename.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def _close_logs_under(home: Path) -> None:
    """Close the log file in the temp home, so the folder can be removed (Windows refuses open files)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        filename = getattr(handler, "baseFilename", None)
        if isinstance(filename, str) and Path(filename).is_relative_to(home):
            root.removeHandler(handler)
            handler.close()
