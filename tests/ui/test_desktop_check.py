"""The start-up check's decisions and messages, from sessions and plugin probes given as plain data."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from app.ui.desktop_check import (
    BUNDLED_X11,
    PACKAGES,
    Decision,
    Session,
    decide,
    load_error,
    missing_libraries,
    platform_plugin_dir,
    plugin_loader,
    user_choice,
    wayland_socket,
)
from app.ui.qt_messages import failure_message, is_startup_noise
from tests.support.wayland import runtime_dir, stale_socket

NO_DESKTOP = ("Parley: no desktop session found; the window needs one; the command line works here: "
              "python -m app ask ...")
CURSOR_PACKAGES = ("Install them: Debian/Ubuntu: sudo apt install libxcb-cursor0 | Fedora: sudo dnf install "
                   "xcb-util-cursor | Arch: sudo pacman -S xcb-util-cursor")  # fmt: skip
NO_CURSOR = "libxcb-cursor.so.0: cannot open shared object file: No such file or directory"
CLI = "python -m app"
ROOT = Path(__file__).resolve().parents[2]


class Plugins:
    """Plugin and library probes as data: which platform plugins fail to load (and why), which libraries are absent."""

    def __init__(self, failing: dict[str, str] | None = None, absent: Sequence[str] = ()) -> None:
        self.failing = failing or {}
        self.absent = list(absent)
        self.loaded: list[str] = []

    def load(self, platform: str) -> str | None:
        self.loaded.append(platform)
        return self.failing.get(platform)

    def missing(self, names: Sequence[str]) -> list[str]:
        return [name for name in names if name in self.absent]


def _decide(session: Session, plugins: Plugins, chosen: str = "") -> Decision:
    return decide(session, chosen, plugins.load, plugins.missing, CLI)


X11 = Session(display=":0")
WAYLAND = Session(wayland="wayland-0", wayland_socket="/run/user/1000/wayland-0")
BOTH = Session(display=":0", wayland="wayland-0", wayland_socket="/run/user/1000/wayland-0")


def test_no_display_at_all_says_so_and_points_to_the_command_line() -> None:
    decision = _decide(Session(), Plugins())
    assert decision.platform is None and decision.problem is not None
    assert decision.problem.splitlines()[0] == NO_DESKTOP
    assert "no DISPLAY or WAYLAND_DISPLAY" in decision.problem


def test_a_wayland_name_without_its_socket_is_no_desktop_either() -> None:
    decision = _decide(Session(wayland="wayland-1"), Plugins())
    assert decision.problem is not None and decision.problem.startswith(NO_DESKTOP)
    assert "WAYLAND_DISPLAY=wayland-1 has no socket" in decision.problem


def test_x11_session_uses_xcb_when_its_plugin_loads() -> None:
    plugins = Plugins()
    assert _decide(X11, plugins) == Decision("xcb", reason="DISPLAY=:0; no Wayland socket")
    assert plugins.loaded == ["xcb"]


def test_x11_session_without_libxcb_cursor_names_the_package_for_each_distribution() -> None:
    plugins = Plugins({"xcb": NO_CURSOR}, absent=["libxcb-cursor.so.0"])
    problem = _decide(X11, plugins).problem
    assert problem is not None
    assert problem.splitlines() == [
        "Parley: the window cannot open: the X11 libraries Qt needs are missing: libxcb-cursor.so.0.",
        CURSOR_PACKAGES,
    ]
    assert "Reinstall" not in problem


def test_several_missing_libraries_are_named_at_once_and_packages_not_repeated() -> None:
    absent = ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-shape.so.0", "libxcb-xkb.so.1"]
    problem = _decide(X11, Plugins({"xcb": NO_CURSOR}, absent=absent)).problem
    assert problem is not None
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4, libxcb-shape.so.0, libxcb-xkb.so.1" in problem
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-shape0 libxcb-xkb1 |" in problem
    assert "sudo dnf install xcb-util-cursor xcb-util-wm libxcb |" in problem  # libxcb once, for both
    assert problem.endswith("sudo pacman -S xcb-util-cursor xcb-util-wm libxcb")


def test_a_library_outside_the_table_is_still_named_from_the_loader_error() -> None:
    error = "libfoo-x11.so.3: cannot open shared object file: No such file or directory"
    problem = _decide(X11, Plugins({"xcb": error})).problem
    assert problem == "Parley: the window cannot open: the X11 libraries Qt needs are missing: libfoo-x11.so.3."


def test_a_plugin_failing_for_another_reason_names_it_and_the_variable_to_try() -> None:
    error = "/opt/qt/libqxcb.so: undefined symbol: xkb_keymap_key_get_mods_for_level"
    problem = _decide(X11, Plugins({"xcb": error})).problem
    assert problem == (
        f"Parley: the window cannot open: Qt's \"xcb\" platform plugin does not load ({error}).\n"
        "Try the other one with QT_QPA_PLATFORM=wayland, or QT_DEBUG_PLUGINS=1 to see Qt's details."
    )


def test_wayland_session_runs_natively_and_keeps_xwayland_as_qts_fallback() -> None:
    plugins = Plugins()
    assert _decide(BOTH, plugins).platform == "wayland;xcb"
    assert plugins.loaded == ["wayland"]  # xcb is not probed when Wayland works
    assert _decide(WAYLAND, Plugins()).platform == "wayland"


def test_wayland_plugin_that_does_not_load_falls_back_to_x11() -> None:
    error = "libwayland-client.so.0: cannot open shared object file: No such file or directory"
    decision = _decide(BOTH, Plugins({"wayland": error}))
    assert decision.platform == "xcb" and decision.problem is None
    assert "libwayland-client.so.0" in decision.reason


def test_wayland_only_with_a_broken_wayland_plugin_names_the_wayland_package() -> None:
    error = "libwayland-cursor.so.0: cannot open shared object file: No such file or directory"
    problem = _decide(WAYLAND, Plugins({"wayland": error}, absent=["libwayland-cursor.so.0"])).problem
    assert problem is not None
    assert "the Wayland libraries Qt needs are missing: libwayland-cursor.so.0." in problem
    assert "sudo apt install libwayland-cursor0" in problem and "sudo pacman -S wayland" in problem


@pytest.mark.parametrize("chosen", ["offscreen", "minimal", "xcb", "wayland;xcb", "eglfs"])
def test_the_users_platform_wins_when_it_can_start(chosen: str) -> None:
    plugins = Plugins()
    decision = _decide(BOTH, plugins, chosen)
    assert decision.platform is None and decision.problem is None  # QT_QPA_PLATFORM stays as the user set it
    assert "the user's choice" in decision.reason


def test_the_users_xcb_is_kept_on_a_wayland_session() -> None:
    plugins = Plugins()
    assert _decide(BOTH, plugins, "xcb").platform is None
    assert plugins.loaded == ["xcb"]


def test_the_users_choice_is_refused_only_when_it_surely_fails() -> None:
    assert _decide(WAYLAND, Plugins(), "xcb").problem == "QT_QPA_PLATFORM=xcb asks for X11, but DISPLAY is not set"
    assert _decide(X11, Plugins(), "wayland").problem == (
        "QT_QPA_PLATFORM=wayland asks for Wayland, but no WAYLAND_DISPLAY"
    )
    assert _decide(X11, Plugins(), "wayland;xcb").problem is None  # the list's second entry starts
    offscreen = _decide(Session(), Plugins(), "offscreen")
    assert offscreen.problem is None  # no desktop needed
    no_desktop = _decide(Session(), Plugins(), "xcb").problem
    assert no_desktop is not None and no_desktop.startswith(NO_DESKTOP)
    missing = _decide(X11, Plugins({"xcb": NO_CURSOR}, absent=["libxcb-cursor.so.0"]), "xcb:nograb").problem
    assert missing is not None and CURSOR_PACKAGES in missing


def test_user_choice_reads_the_platform_option_before_the_variable() -> None:
    assert user_choice(["-platform", "offscreen"], {"QT_QPA_PLATFORM": "xcb"}) == "offscreen"
    assert user_choice([], {"QT_QPA_PLATFORM": " wayland "}) == "wayland"
    assert user_choice(["--smoke-test"], {}) == ""


def test_wayland_socket_is_found_only_when_a_socket_is_there() -> None:
    folder = runtime_dir()
    try:
        stale_socket(folder, "wayland-5")
        (folder / "wayland-6").write_text("not a socket")
        env = {"XDG_RUNTIME_DIR": str(folder)}
        assert wayland_socket({**env, "WAYLAND_DISPLAY": "wayland-5"}) == str(folder / "wayland-5")
        assert wayland_socket({**env, "WAYLAND_DISPLAY": str(folder / "wayland-5")}) == str(folder / "wayland-5")
        assert wayland_socket({**env, "WAYLAND_DISPLAY": "wayland-6"}) == ""
        assert wayland_socket({**env, "WAYLAND_DISPLAY": "wayland-7"}) == ""
        assert wayland_socket({"WAYLAND_DISPLAY": "wayland-5"}) == ""  # no XDG_RUNTIME_DIR: libwayland fails too
        assert wayland_socket(env) == ""  # no WAYLAND_DISPLAY: Qt would not try Wayland
        stale_socket(folder, "wayland-0")
        assert wayland_socket({**env, "XDG_SESSION_TYPE": "wayland"}) == str(folder / "wayland-0")
    finally:
        for path in folder.iterdir():
            path.unlink()
        folder.rmdir()


def test_the_real_probes_load_qts_plugins_and_find_missing_libraries() -> None:
    folder = platform_plugin_dir({})
    assert folder is not None and (folder / "libqxcb.so").is_file()
    load = plugin_loader(folder)
    assert load("xcb") is None  # CI installs the X11 libraries (.ci/run)
    assert plugin_loader(Path("/nonexistent"))("xcb") == "libqxcb.so is not in /nonexistent"
    assert plugin_loader(None)("xcb") is None  # nowhere to look: Qt tries, and its failure is worded at run time
    assert platform_plugin_dir({"QT_QPA_PLATFORM_PLUGIN_PATH": "/opt/qt/plugins/platforms"}) is None
    assert missing_libraries(["libc.so.6", "libparley-not-there.so.9"]) == ["libparley-not-there.so.9"]
    error = load_error("libparley-not-there.so.9")
    assert error is not None and "cannot open shared object file" in error


def test_every_library_has_a_package_and_the_bundle_carries_the_x11_ones() -> None:
    assert all(len(names) == 3 and all(names) for names in PACKAGES.values())
    assert "libxcb-cursor.so.0" in BUNDLED_X11 and "libxcb.so.1" not in BUNDLED_X11
    assert not any(name.startswith("libwayland") for name in BUNDLED_X11)


# -- Qt's own messages, as Qt 6.11 prints them, turned into ours ---------------------------------------------
QT_FATAL = (
    "This application failed to start because no Qt platform plugin could be initialized. Reinstalling "
    "the application may fix this problem.\n\nAvailable platform plugins are: minimal, offscreen, xcb."
)
QT_TRIED_XCB = ["could not connect to display :77",
                "From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin.",
                'Could not load the Qt platform plugin "xcb" in "" even though it was found.']  # fmt: skip


def test_an_x_display_that_does_not_answer() -> None:
    text = failure_message(QT_TRIED_XCB, QT_FATAL, CLI, {"DISPLAY": ":77"})
    assert text == (
        "Parley: the window cannot open: no answer from the X display :77.\n"
        "Is the desktop session still running? The command line works without one: python -m app ask ..."
    )


def test_a_stale_wayland_socket_and_no_x_display() -> None:
    held = [
        "Failed to create wl_display (Connection refused)",
        'Could not load the Qt platform plugin "wayland" in "" even though it was found.',
        *QT_TRIED_XCB,
    ]
    text = failure_message(held, QT_FATAL, CLI, {"WAYLAND_DISPLAY": "wayland-9"})
    first = text.splitlines()[0]
    assert first == ("Parley: the window cannot open: no answer from the Wayland display wayland-9 (Connection "
                     "refused) nor the X display :77.")  # fmt: skip


def test_an_unknown_platform_name_lists_the_ones_there_are() -> None:
    held = ['Could not find the Qt platform plugin "xbc" in ""']
    text = failure_message(held, QT_FATAL, CLI, {"QT_QPA_PLATFORM": "xbc"})
    assert text == (
        'Parley: the window cannot open: Qt has no platform plugin "xbc" (QT_QPA_PLATFORM=xbc).\n'
        "Set QT_QPA_PLATFORM to one of: minimal, offscreen, xcb; or unset it to let Parley choose."
    )


def test_a_plugin_that_breaks_for_another_reason_keeps_qts_reason_but_not_its_advice() -> None:
    held = ["qt.qpa.xcb: XInput extension failed",
            "From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin.",
            'Could not load the Qt platform plugin "xcb" in "" even though it was found.']  # fmt: skip
    text = failure_message(held, QT_FATAL, CLI, {"DISPLAY": ":0"}, Plugins().missing)
    assert text.startswith("Parley: the window cannot open: Qt's \"xcb\" platform plugin does not load "
                           "(qt.qpa.xcb: XInput extension failed).")  # fmt: skip
    assert "QT_QPA_PLATFORM=wayland" in text
    assert "Reinstall" not in text and "xcb-cursor0" not in text


def test_only_platform_start_up_lines_are_held_back() -> None:
    assert is_startup_noise("qt.qpa.plugin", 'Could not load the Qt platform plugin "xcb"')
    assert is_startup_noise("default", "Failed to create wl_display (Connection refused)")
    assert is_startup_noise("qt.qpa.xcb", "could not connect to display :1")
    assert not is_startup_noise("qt.qpa.xcb", "QXcbConnection: XCB error: 3 (BadWindow)")
    assert not is_startup_noise("default", "This plugin does not support propagateSizeHints()")


def test_a_plugin_that_breaks_because_a_library_went_missing_names_the_package() -> None:
    missing = Plugins(absent=["libxcb-cursor.so.0"]).missing
    text = failure_message(QT_TRIED_XCB[1:], QT_FATAL, CLI, {"DISPLAY": ":0"}, missing)
    assert text.splitlines()[1] == CURSOR_PACKAGES


def test_the_readmes_package_lines_name_real_packages_for_each_distribution() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = {line.split(":")[0]: line.split()[4:] for line in readme.splitlines()
             if line.startswith(("Debian/Ubuntu:", "Fedora:", "Arch:"))}  # fmt: skip
    assert list(lines) == ["Debian/Ubuntu", "Fedora", "Arch"]
    for column, names in enumerate(lines.values()):
        known = {packages[column] for packages in PACKAGES.values()}
        assert set(names) <= known, set(names) - known
        assert PACKAGES["libxcb-cursor.so.0"][column] in names
