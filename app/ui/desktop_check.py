"""Before the window exists: find the desktop session, pick Qt's platform, and say in one message what is missing.

`desktop_ready(args)` is the one call at the top of the window's start (app/main.py), before PySide6 is
imported; the command line never runs it. On Linux it:

- leaves a platform the user chose (`QT_QPA_PLATFORM` or `-platform`) as it is, and refuses it only when it
  surely cannot start (no display of that kind, or its plugin's libraries missing);
- otherwise picks Wayland when a compositor's socket is there and Qt's Wayland plugin loads (`wayland;xcb`,
  so Qt still falls back to XWayland on its own), else X11 when `DISPLAY` is set and the xcb plugin loads;
- when neither works, prints one short message (what is missing, the package per distribution, or the
  variable to try) and returns False, so the caller exits with status 1.

The plugin is checked by loading it with dlopen, the same way Qt will a moment later, so on the normal
path this costs what Qt would spend anyway (no subprocess). Then a Qt message handler replaces Qt's own
wall of text ("Reinstalling the application may fix this problem") when a platform still fails inside
QApplication (a display that does not answer), with our message and exit status 1.

`python -m app.ui.desktop_check` prints what the check decides here, as one JSON line (for bug reports
and tests).
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

PLATFORM_ENV = "QT_QPA_PLATFORM"
PLUGIN_PATH_ENV = "QT_QPA_PLATFORM_PLUGIN_PATH"
WAYLAND_NAMES = ("wayland", "wayland-egl", "wayland-brcm")  # all served by Qt's one Wayland plugin
PLUGIN_FILES = {"xcb": "libqxcb.so", **{name: "libqwayland.so" for name in WAYLAND_NAMES}}

# Library -> the package that brings it on (Debian/Ubuntu, Fedora, Arch). The X11 ones are what Qt's xcb
# plugin links beyond Qt itself (readelf -d libqxcb.so libQt6XcbQpa.so.6); the Wayland ones its plugin's.
PACKAGES: dict[str, tuple[str, str, str]] = {
    "libxcb-cursor.so.0": ("libxcb-cursor0", "xcb-util-cursor", "xcb-util-cursor"),
    "libxcb-icccm.so.4": ("libxcb-icccm4", "xcb-util-wm", "xcb-util-wm"),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1", "xcb-util-keysyms", "xcb-util-keysyms"),
    "libxcb-image.so.0": ("libxcb-image0", "xcb-util-image", "xcb-util-image"),
    "libxcb-render-util.so.0": ("libxcb-render-util0", "xcb-util-renderutil", "xcb-util-renderutil"),
    "libxcb-util.so.1": ("libxcb-util1", "xcb-util", "xcb-util"),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0", "libxkbcommon-x11", "libxkbcommon-x11"),
    "libxkbcommon.so.0": ("libxkbcommon0", "libxkbcommon", "libxkbcommon"),
    "libxcb-randr.so.0": ("libxcb-randr0", "libxcb", "libxcb"),
    "libxcb-shape.so.0": ("libxcb-shape0", "libxcb", "libxcb"),
    "libxcb-shm.so.0": ("libxcb-shm0", "libxcb", "libxcb"),
    "libxcb-sync.so.1": ("libxcb-sync1", "libxcb", "libxcb"),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0", "libxcb", "libxcb"),
    "libxcb-render.so.0": ("libxcb-render0", "libxcb", "libxcb"),
    "libxcb-xkb.so.1": ("libxcb-xkb1", "libxcb", "libxcb"),
    "libxcb.so.1": ("libxcb1", "libxcb", "libxcb"),
    "libX11-xcb.so.1": ("libx11-xcb1", "libX11-xcb", "libx11"),
    "libX11.so.6": ("libx11-6", "libX11", "libx11"),
    "libwayland-client.so.0": ("libwayland-client0", "libwayland-client", "wayland"),
    "libwayland-cursor.so.0": ("libwayland-cursor0", "libwayland-cursor", "wayland"),
}
# What a frozen build carries itself (packaging/bundle_rules.py, checked by the smoke test): the X11 ones but
# libxcb.so.1, which the system's libX11 and libGL link and every X11 desktop has.
BUNDLED_X11 = tuple(name for name in PACKAGES if not name.startswith(("libwayland", "libxcb.so")))
PLUGIN_LIBS = {
    "xcb": tuple(name for name in PACKAGES if not name.startswith("libwayland")),
    **{name: ("libwayland-client.so.0", "libwayland-cursor.so.0", "libxkbcommon.so.0") for name in WAYLAND_NAMES},
}

Loader = Callable[[str], "str | None"]  # platform name -> None when its plugin loads, else why not
Finder = Callable[[Sequence[str]], "list[str]"]  # library names -> those that cannot be loaded


@dataclass(frozen=True)
class Session:
    """What the environment says about the desktop: an X display, a Wayland compositor's socket."""

    display: str = ""  # DISPLAY
    wayland: str = ""  # WAYLAND_DISPLAY as given ("" when unset)
    wayland_socket: str = ""  # the compositor's socket when it is there, else ""

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Session:
        return cls(display=env.get("DISPLAY", ""), wayland=env.get("WAYLAND_DISPLAY", ""),
                   wayland_socket=wayland_socket(env))  # fmt: skip


def wayland_socket(env: Mapping[str, str]) -> str:
    """The socket a Wayland client would connect to, when it exists; "" otherwise. Like Qt, only when
    WAYLAND_DISPLAY is set or the session says it is Wayland (then libwayland's default, wayland-0)."""
    if env.get("WAYLAND_SOCKET"):  # a connection handed over by the compositor itself
        return "WAYLAND_SOCKET"
    name = env.get("WAYLAND_DISPLAY") or ("wayland-0" if env.get("XDG_SESSION_TYPE") == "wayland" else "")
    if not name:
        return ""
    path = Path(name) if os.path.isabs(name) else Path(env.get("XDG_RUNTIME_DIR") or "/nonexistent") / name
    try:
        return str(path) if stat.S_ISSOCK(path.stat().st_mode) else ""
    except OSError:
        return ""


@dataclass(frozen=True)
class Decision:
    """What to do before Qt starts: the platform to ask for (None: leave it), or why the window cannot open."""

    platform: str | None = None
    problem: str | None = None
    reason: str = ""  # why this platform (python -m app.ui.desktop_check shows it)


def decide(session: Session, chosen: str, load: Loader, missing: Finder, cli: str) -> Decision:
    """The decision, from the session, the user's choice ("" when none) and two probes (fakes in tests)."""
    if chosen:
        return _check_chosen(session, chosen, load, missing, cli)
    wayland_problem = None
    if session.wayland_socket:
        wayland_problem = load("wayland")
        if wayland_problem is None:
            platform = "wayland;xcb" if session.display else "wayland"
            return Decision(platform, reason=f"Wayland socket {session.wayland_socket}")
    if session.display:
        xcb_problem = load("xcb")
        if xcb_problem is None:
            why = f"Wayland plugin: {wayland_problem}" if wayland_problem else "no Wayland socket"
            return Decision("xcb", reason=f"DISPLAY={session.display}; {why}")
        return Decision(problem=plugin_problem("xcb", xcb_problem, missing))
    if wayland_problem is not None:
        return Decision(problem=plugin_problem("wayland", wayland_problem, missing))
    return Decision(problem=no_desktop(session, cli))


def _check_chosen(session: Session, chosen: str, load: Loader, missing: Finder, cli: str) -> Decision:
    """A platform the user chose wins; refuse it only when every entry of the list surely fails."""
    names = [entry.split(":")[0].strip() for entry in chosen.split(";") if entry.strip()]
    problems: list[str] = []
    for name in names:
        if name == "xcb" and not session.display:
            problems.append(f"{PLATFORM_ENV}={chosen} asks for X11, but DISPLAY is not set")
        elif name in WAYLAND_NAMES and not session.wayland_socket:
            where = f"no socket for WAYLAND_DISPLAY={session.wayland}" if session.wayland else "no WAYLAND_DISPLAY"
            problems.append(f"{PLATFORM_ENV}={chosen} asks for Wayland, but {where}")
        elif name in PLUGIN_FILES and (error := load(name)) is not None:
            problems.append(plugin_problem(name, error, missing))
        else:
            return Decision(reason=f"{PLATFORM_ENV}={chosen} (the user's choice)")
    if not names:
        return Decision(reason=f"{PLATFORM_ENV} is empty: Qt's default")
    if not session.display and not session.wayland_socket and problems[0].startswith(PLATFORM_ENV):
        return Decision(problem=no_desktop(session, cli))
    return Decision(problem=problems[0])


def no_desktop(session: Session, cli: str) -> str:
    seen = f"WAYLAND_DISPLAY={session.wayland} has no socket" if session.wayland else "no DISPLAY or WAYLAND_DISPLAY"
    return (f"Parley: no desktop session found; the window needs one; the command line works here: {cli} ask ...\n"
            f"({seen}: start Parley from a terminal inside the desktop, or over ssh -X.)")  # fmt: skip


def plugin_problem(platform: str, error: str, missing: Finder) -> str:
    """Missing libraries: which, and the package on each distribution. Anything else: the error and what to try."""
    absent = missing(PLUGIN_LIBS.get(platform, ()))
    named = _missing_from_error(error)
    if named and named not in absent:
        absent.append(named)
    kind = "X11" if platform == "xcb" else "Wayland"
    if absent:
        known = [name for name in absent if name in PACKAGES]
        lines = [f"Parley: the window cannot open: the {kind} libraries Qt needs are missing: {', '.join(absent)}."]
        if known:
            debian, fedora, arch = ([PACKAGES[name][i] for name in known] for i in range(3))
            lines.append(f"Install them: Debian/Ubuntu: sudo apt install {' '.join(dict.fromkeys(debian))} | "
                         f"Fedora: sudo dnf install {' '.join(dict.fromkeys(fedora))} | "
                         f"Arch: sudo pacman -S {' '.join(dict.fromkeys(arch))}")  # fmt: skip
        return "\n".join(lines)
    other = "wayland" if platform == "xcb" else "xcb"
    return (f'Parley: the window cannot open: Qt\'s "{platform}" platform plugin does not load ({error}).\n'
            f"Try the other one with {PLATFORM_ENV}={other}, or QT_DEBUG_PLUGINS=1 to see Qt's details.")  # fmt: skip


def _missing_from_error(error: str) -> str | None:
    """dlopen's "libfoo.so.1: cannot open shared object file" (or a path to it) names the missing library."""
    match = re.search(r"([^\s:/]+\.so[.\d]*): cannot open shared object file", error)
    return match.group(1) if match else None


# -- the probes ------------------------------------------------------------------------------------------
def platform_plugin_dir(env: Mapping[str, str]) -> Path | None:
    """Qt's platforms folder, found without importing PySide6 (in a frozen build: inside the bundle). None when
    it cannot be known here: the user points Qt elsewhere (QT_QPA_PLATFORM_PLUGIN_PATH), or a distribution's
    PySide6 uses the system's Qt."""
    if env.get(PLUGIN_PATH_ENV):
        return None
    import importlib.util

    try:
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        spec = None
    roots = list(spec.submodule_search_locations or []) if spec is not None else []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        roots.append(os.path.join(bundle, "PySide6"))
    for root in roots:
        folder = Path(root) / "Qt" / "plugins" / "platforms"
        if folder.is_dir():
            return folder
    return None


def plugin_loader(folder: Path | None) -> Loader:
    """Loads a platform plugin as Qt will (dlopen: its libraries, their symbols); None when it loads, or when
    there is no folder to look in (then Qt tries, and app/ui/qt_messages.py words a failure)."""

    def load(platform: str) -> str | None:
        if folder is None:
            return None
        path = folder / PLUGIN_FILES[platform]
        if not path.is_file():
            return f"{path.name} is not in {folder}"
        return load_error(str(path))

    return load


def missing_libraries(names: Sequence[str]) -> list[str]:
    """The libraries among `names` that the dynamic loader cannot load here (the failure path only)."""
    return [name for name in names if load_error(name) is not None]


def load_error(name: str) -> str | None:
    """None when the dynamic loader loads `name` (a path or a library name), else its error."""
    import ctypes

    try:
        ctypes.CDLL(name)
    except OSError as exc:
        return str(exc)
    return None


def user_choice(args: Sequence[str], env: Mapping[str, str]) -> str:
    """The platform the user asked for: `-platform NAME` on the command line, else QT_QPA_PLATFORM."""
    for i, arg in enumerate(args):
        if arg in ("-platform", "--platform") and i + 1 < len(args):
            return args[i + 1]
    return env.get(PLATFORM_ENV, "").strip()


def cli_hint() -> str:
    """How this user runs the command line: the frozen build's own executable, else `python -m app`."""
    if getattr(sys, "frozen", False):
        return os.path.basename(sys.executable) or "parley"
    return "python -m app"


# -- the entry -------------------------------------------------------------------------------------------
def check(args: Sequence[str], env: Mapping[str, str]) -> Decision:
    if not sys.platform.startswith("linux"):
        return Decision(reason=f"{sys.platform}: Qt's own platform")
    load = plugin_loader(platform_plugin_dir(env))
    return decide(Session.from_env(env), user_choice(args, env), load, missing_libraries, cli_hint())


if __name__ == "__main__":
    print(json.dumps({**asdict(check(sys.argv[1:], os.environ)), "session": asdict(Session.from_env(os.environ))}))
