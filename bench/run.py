"""Parley's speed beside baselines measured in the same run: `python bench/run.py [--quick] [--json FILE] [--build]`.

Every measurement runs in its own process, started from the repository root with this interpreter:
start-up and peak RSS (`python -m app` vs a bare PySide6 window), streaming (the real chat panels vs raw
httpx, from bench/sse_server.py on 127.0.0.1), opening a 2,000-message conversation (plain, and holding 200
formulas), search over 100,000 messages, 10,000 ledger writes, a two-step tool turn (bench/tool_turn.py), a
million messages in 10,000 conversations (bench/million.py), four long answers ending together in the comparison
panel (bench/four_end.py), a day of use (bench/soak.py), and the bundle size. Prints a table and writes one
JSON object. Reports; never asserts. Linux only (peak RSS from wait4, one monotonic clock across processes).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
OFFSCREEN = {"QT_QPA_PLATFORM": "offscreen"}

# Targets from the performance issue; shown beside the numbers, never enforced.
TARGETS = {"start_ratio": 1.5, "rss_ratio": 2.0, "rss_mb": 200.0, "stream4_ratio": 0.5, "max_stall_ms": 50.0,
           "open2000_ms": 300.0, "search_ms": 50.0, "bundle_mb": 150.0, "reopen_formulas_ms": 300.0,
           "four_end_max_stall_ms": 50.0, "soak_rss_growth_mb": 30.0, "soak_max_stall_ms": 50.0}  # fmt: skip


def child_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PARLEY_EXIT_AFTER_SHOW"}
    return {**env, **OFFSCREEN, **extra}


def json_lines(text: str) -> list[dict[str, Any]]:
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{"):
            out.append(json.loads(line))
    return out


def run_module(module: str, *args: str, env: dict[str, str] | None = None, timeout: float = 600) -> dict[str, Any]:
    """`python -m module args`; its last JSON line."""
    proc = subprocess.run([PY, "-m", module, *args], cwd=ROOT, env=env or child_env(), capture_output=True, text=True,
                          timeout=timeout)  # fmt: skip
    found = json_lines(proc.stdout)
    if proc.returncode != 0 or not found:
        raise RuntimeError(f"{module} {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return found[-1]


def spawn_measured(module: str, env: dict[str, str]) -> tuple[list[dict[str, Any]], float, float]:
    """Start `python -m module`; (its JSON lines, spawn time on the monotonic clock, peak RSS in MB from wait4)."""
    with tempfile.TemporaryFile() as out:
        spawned = time.perf_counter()
        proc = subprocess.Popen([PY, "-m", module], cwd=ROOT, env=env, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        out.seek(0)
        text = out.read().decode()
    if proc.returncode != 0:
        raise RuntimeError(f"{module} exited with {proc.returncode}: {text[-2000:]}")
    return json_lines(text), spawned, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


# -- start-up and memory ---------------------------------------------------------------------------------
def returning_profile(home: str) -> None:
    """A profile as a returning user has it: settings saved, 50 conversations of 20 messages."""
    (Path(home) / "config").mkdir(parents=True)
    (Path(home) / "config" / "settings.json").write_text(json.dumps({"version": 1, "welcome_done": True}))
    fill = (
        "import sys; from pathlib import Path; from app.store import open_store; from bench.corpus import fill; "
        "store = open_store(Path(sys.argv[1]) / 'data' / 'parley.db'); fill(store, 50, 20); store.close()"
    )
    subprocess.run([PY, "-c", fill, home], cwd=ROOT, env=child_env(), check=True)


def start_once(which: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="parley-bench-home-") as home:
        if which == "returning":
            returning_profile(home)
        if which in ("parley", "returning"):
            env = child_env(PARLEY_EXIT_AFTER_SHOW="1", PARLEY_HOME=home)
            lines, spawned, rss = spawn_measured("bench.launch_parley", env)
            report = next(line for line in lines if "first_paint_ms" in line)
            entered = next(line["run_gui_at"] for line in lines if "run_gui_at" in line)
            paint_at = entered + report["first_paint_ms"] / 1000
            inner = report["first_paint_ms"]
            window_ms = round((entered + report["window_paint_ms"] / 1000 - spawned) * 1000, 1)
        else:
            lines, spawned, rss = spawn_measured("bench.baseline_window", child_env(PARLEY_HOME=home))
            paint_at, inner = lines[-1]["paint_at"], lines[-1]["first_paint_ms"]
            window_ms = None
    out = {"start_ms": (paint_at - spawned) * 1000, "in_process_ms": inner, "rss_mb": rss}
    return out if window_ms is None else {**out, "window_ms": window_ms}  # the real window after the shell


def bench_start(runs: int) -> dict[str, Any]:
    start_once("parley"), start_once("bare")  # warm the page cache for both
    samples: dict[str, list[dict[str, float]]] = {"parley": [], "returning": [], "bare": []}
    for _ in range(runs):  # alternated, so both see the same machine load
        for which in samples:
            samples[which].append(start_once(which))
    med = {w: {k: round(statistics.median(s[k] for s in runs_), 1) for k in runs_[0]} for w, runs_ in samples.items()}
    return {"runs": runs, **med}


# -- streaming -------------------------------------------------------------------------------------------
class SSEServer:
    def __enter__(self) -> str:
        self.proc = subprocess.Popen([PY, "-m", "bench.sse_server"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().split()
        if len(line) != 2 or line[0] != "PORT":
            self.proc.kill()
            raise RuntimeError("bench/sse_server.py did not start")
        return f"http://127.0.0.1:{line[1]}/v1"

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()


def stream(url: str, mode: str, panes: int, *extra: str) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="parley-bench-home-") as home:
        env = child_env(PARLEY_HOME=home)
        return run_module("bench.stream", mode, url, "--panes", str(panes), "--runs", "1", *extra, env=env)


def bench_stream(rounds: int, full: bool) -> dict[str, Any]:
    configs = [("raw", 1), ("parley", 1), ("raw", 4), ("parley", 4)]
    results: dict[str, list[dict[str, Any]]] = {f"{m}{p}": [] for m, p in configs}
    with SSEServer() as url:
        for _ in range(rounds):  # each round runs every configuration once, in turn
            for mode, panes in configs:
                results[f"{mode}{panes}"].append(stream(url, mode, panes))
        paced = {m: stream(url, m, 4, "--deltas", "2000", "--rate", "1000") for m in ("raw", "parley")}
        paragraph = stream(url, "parley", 4, "--line", "0") if full else None
    out: dict[str, Any] = {"rounds": rounds, "deltas": results["raw1"][0]["deltas"]}
    for key, runs in results.items():
        out[key] = {"deltas_per_s": round(statistics.median(r["deltas_per_s"] for r in runs)),
                    "cpu_us_per_delta": round(statistics.median(r["cpu_us_per_delta"] for r in runs), 1),
                    "max_stall_ms": max(r["max_stall_ms"] for r in runs),
                    "lag_ms": _merge_lags([r["lag_ms"] for r in runs])}  # fmt: skip
    out["paced_4x1000"] = {m: {"max_stall_ms": r["max_stall_ms"], "lag_ms": r["lag_ms"]} for m, r in paced.items()}
    if paragraph is not None:
        out["parley4_one_paragraph"] = {k: paragraph[k] for k in ("deltas_per_s", "max_stall_ms", "lag_ms")}
    return out


def _merge_lags(lags: list[dict[str, float] | None]) -> dict[str, float] | None:
    known = [lag for lag in lags if lag]
    if not known:
        return None
    return {k: round(statistics.median(lag[k] for lag in known), 1) for k in ("median", "p95", "max")}


# -- four answers ending together -------------------------------------------------------------------------
def bench_four_end(quick: bool) -> dict[str, Any]:
    """bench/four_end.py as it is and with each end drawn again on the GUI thread at once (the baseline)."""
    runs = "1" if quick else "3"
    with SSEServer() as url, tempfile.TemporaryDirectory(prefix="parley-bench-home-") as home:
        env = child_env(PARLEY_HOME=home)
        return {mode: run_module("bench.four_end", url, "--runs", runs, *flags, env=env)
                for mode, flags in (("parley", ()), ("sync_end", ("--sync-end",)))}  # fmt: skip


# -- a day of use ------------------------------------------------------------------------------------------
def bench_soak(quick: bool) -> dict[str, Any]:
    """bench/soak.py: 2,000 answers over 100 conversations and 50 comparisons (--quick: 200, 20 and 5)."""
    with SSEServer() as url, tempfile.TemporaryDirectory(prefix="parley-bench-home-") as home:
        return run_module("bench.soak", url, *(("--quick",) if quick else ()), env=child_env(PARLEY_HOME=home),
                          timeout=1800)  # fmt: skip


# -- bundle ----------------------------------------------------------------------------------------------
def bundle_start(executable: Path, runs: int) -> float | None:
    """The frozen app's start to first paint (median, ms): from spawning the executable to the paint_at it
    reports (one monotonic clock across processes), each time in a fresh profile."""
    samples = []
    for n in range(runs + 1):  # the first run warms the page cache
        with tempfile.TemporaryDirectory(prefix="parley-bench-home-") as home:
            env = child_env(PARLEY_EXIT_AFTER_SHOW="1", PARLEY_HOME=home)
            spawned = time.perf_counter()
            proc = subprocess.run([str(executable)], env=env, capture_output=True, text=True, timeout=120)
        reports = [r for r in json_lines(proc.stdout) if "paint_at" in r]
        if proc.returncode != 0 or not reports:
            print(f"the bundle did not start ({proc.returncode}): {proc.stderr[-1000:]}", file=sys.stderr)
            return None
        if n:
            samples.append((reports[-1]["paint_at"] - spawned) * 1000)
    return round(statistics.median(samples), 1)


def bundle_size(build: bool, quick: bool = False) -> dict[str, Any]:
    dist = ROOT / "dist" / "parley"
    out: dict[str, Any] = {}
    if build:
        started = time.perf_counter()
        proc = subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], cwd=ROOT, capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"packaging/build.sh failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-3000:]}")
        out["build_s"] = round(time.perf_counter() - started)
    if not (dist / "parley").is_file():
        return {**out, "bundle_mb": None}
    files = [p for p in dist.rglob("*") if p.is_file() and not p.is_symlink()]
    out["bundle_mb"] = round(sum(p.stat().st_size for p in files) / 2**20, 1)
    out["bundle_start_ms"] = bundle_start(dist / "parley", 3 if quick else 5)
    stamp = dist / ".parley-fingerprint"
    fingerprint = subprocess.run([PY, str(ROOT / "packaging" / "fingerprint.py")], capture_output=True, text=True)
    out["bundle_fresh"] = stamp.is_file() and stamp.read_text().strip() == fingerprint.stdout.strip()
    return out


# -- a million messages ------------------------------------------------------------------------------------
MILLION_KEYS = ("search_1m_ms", "search_1m_worst_ms", "open_list_10k_ms", "start_1m_ratio", "db_1m_mb")


def bench_million(quick: bool) -> dict[str, Any]:
    """bench/million.py: its profile database is built once (about two minutes) and kept in the temp folder."""
    return run_module("bench.million", "--runs", "3" if quick else "5", timeout=1200)


# -- report ----------------------------------------------------------------------------------------------
def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or not b else round(a / b, 2)


def summarise(start: dict[str, Any], streams: dict[str, Any], opened: dict[str, Any], store: dict[str, Any],
              bundle: dict[str, Any], formulas: dict[str, Any]) -> dict[str, Any]:  # fmt: skip
    return {
        "reopen_formulas_ms": formulas["parley"]["reopen_ms"],
        "start_ratio": ratio(start["parley"]["start_ms"], start["bare"]["start_ms"]),
        "window_start_ratio": ratio(start["parley"]["window_ms"], start["bare"]["start_ms"]),
        "rss_mb": start["parley"]["rss_mb"],
        "rss_ratio": ratio(start["parley"]["rss_mb"], start["bare"]["rss_mb"]),
        "returning_start_ratio": ratio(start["returning"]["start_ms"], start["bare"]["start_ms"]),
        "returning_rss_ratio": ratio(start["returning"]["rss_mb"], start["bare"]["rss_mb"]),
        "stream1_ratio": ratio(streams["parley1"]["deltas_per_s"], streams["raw1"]["deltas_per_s"]),
        "stream4_ratio": ratio(streams["parley4"]["deltas_per_s"], streams["raw4"]["deltas_per_s"]),
        "max_stall_ms": max(streams["parley1"]["max_stall_ms"], streams["parley4"]["max_stall_ms"]),
        "open2000_ms": opened["parley"]["total_ms"],
        "search_ms": store["search_ms"],
        "ledger10k_ms": store["ledger_ms"],
        "bundle_mb": bundle["bundle_mb"],
        "bundle_start_ms": bundle.get("bundle_start_ms"),
        "bundle_start_ratio": ratio(bundle.get("bundle_start_ms"), start["parley"]["start_ms"]),
    }


def summarise_more(four: dict[str, Any], soak: dict[str, Any]) -> dict[str, Any]:
    stall, before = four["parley"]["end_max_stall_ms"], four["sync_end"]["end_max_stall_ms"]
    return {"four_end_max_stall_ms": stall, "four_end_ratio": ratio(stall, before),
            "soak_rss_growth_mb": soak["soak_rss_growth_mb"], "soak_max_stall_ms": soak["soak_max_stall_ms"],
            "soak_second_half_slope_mb_per_1000": soak["soak_second_half_slope_mb_per_1000"],
            "soak_second_half_heap_slope_mb_per_1000": soak.get("soak_second_half_heap_slope_mb_per_1000")}  # fmt: skip


def table(result: dict[str, Any]) -> str:
    d = result["details"]
    s, st, o, db, fo = d["start"], d["stream"], d["open2000"], d["store"], d["open_formulas"]

    def lag(x: dict[str, float] | None) -> str:
        return "n/a" if not x else f"{x['median']:.0f} / {x['p95']:.0f}"

    def met(key: str, value: float | None, *, at_least: bool = False) -> str:
        if value is None:
            return "n/a"
        ok = value >= TARGETS[key] if at_least else value <= TARGETS[key]
        return "yes" if ok else "NO"

    rows = [
        ("start to first paint, ms", f"{s['parley']['start_ms']:.0f}", f"{s['bare']['start_ms']:.0f} bare window",
         f"{result['start_ratio']}x", "<= 1.5x", met("start_ratio", result["start_ratio"])),
        ("start to the full window painted, ms", f"{s['parley']['window_ms']:.0f}",
         f"{s['bare']['start_ms']:.0f} bare window", f"{result['window_start_ratio']}x", "", ""),
        ("peak RSS after start, MB", f"{s['parley']['rss_mb']:.0f}", f"{s['bare']['rss_mb']:.0f} bare window",
         f"{result['rss_ratio']}x", "<= 2x, < 200 MB",
         "yes" if met("rss_ratio", result["rss_ratio"]) == met("rss_mb", result["rss_mb"]) == "yes" else "NO"),
        ("returning run (50 conversations): first paint, ms", f"{s['returning']['start_ms']:.0f}",
         f"{s['bare']['start_ms']:.0f} bare window", f"{result['returning_start_ratio']}x", "<= 1.5x",
         met("start_ratio", result["returning_start_ratio"])),
        ("returning run: peak RSS, MB", f"{s['returning']['rss_mb']:.0f}", f"{s['bare']['rss_mb']:.0f} bare window",
         f"{result['returning_rss_ratio']}x", "<= 2x", met("rss_ratio", result["returning_rss_ratio"])),
        ("stream, 1 pane, deltas/s", f"{st['parley1']['deltas_per_s']:,}", f"{st['raw1']['deltas_per_s']:,} raw httpx",
         f"{result['stream1_ratio']}x", "", ""),
        ("stream, 4 panes, deltas/s", f"{st['parley4']['deltas_per_s']:,}", f"{st['raw4']['deltas_per_s']:,} raw httpx",
         f"{result['stream4_ratio']}x", ">= 0.5x", met("stream4_ratio", result["stream4_ratio"], at_least=True)),
        ("CPU per delta, 4 panes, us", f"{st['parley4']['cpu_us_per_delta']}", f"{st['raw4']['cpu_us_per_delta']}",
         "", "", ""),
        ("worst loop stall, ms", f"{result['max_stall_ms']:.0f}", f"{st['raw4']['max_stall_ms']:.0f} raw httpx", "",
         "<= 50", met("max_stall_ms", result["max_stall_ms"])),
        ("byte-to-pixel lag, 4 panes flat out, ms (median / p95)", lag(st["parley4"]["lag_ms"]),
         lag(st["raw4"]["lag_ms"]) + " raw (to decode)", "", "", ""),
        ("byte-to-pixel lag, 4 x 1,000 deltas/s, ms (median / p95)", lag(st["paced_4x1000"]["parley"]["lag_ms"]),
         lag(st["paced_4x1000"]["raw"]["lag_ms"]) + " raw", "", "", ""),
        ("loop stall, 4 x 1,000 deltas/s, ms", f"{st['paced_4x1000']['parley']['max_stall_ms']:.0f}",
         f"{st['paced_4x1000']['raw']['max_stall_ms']:.0f} raw", "", "", ""),
        ("open 2,000 messages (first time), ms", f"{o['parley']['total_ms']:.0f}",
         f"{o['plain']['total_ms']:.0f} setPlainText",
         f"{ratio(o['parley']['total_ms'], o['plain']['total_ms'])}x", "< 300",
         met("open2000_ms", o["parley"]["total_ms"])),
        ("reopen it (Markdown cached), ms", f"{o['parley']['reopen_ms']:.0f}", "", "", "", ""),
        (f"the same holding {fo['formulas']} formulas, first time, ms", f"{fo['parley']['total_ms']:.0f}",
         f"{fo['plain']['total_ms']:.0f} setPlainText", "", "", ""),
        ("reopen it (formulas cached), ms", f"{fo['parley']['reopen_ms']:.0f}", "", "", "< 300",
         met("reopen_formulas_ms", fo["parley"]["reopen_ms"])),
        ("search 100k messages, median query, ms", f"{db['search_ms']:.1f}", f"{db['search_raw_ms']:.1f} raw FTS5",
         "", "< 50", met("search_ms", db["search_ms"])),
        (f"search, worst query ({db['search_worst']['query']!r}), ms", f"{db['search_worst']['parley_ms']:.0f}",
         f"{db['search_worst']['raw_ms']:.0f} raw FTS5", "", "", ""),
        ("worst loop stall, two-step tool turn, ms", f"{d['tool_turn']['max_stall_ms']:.0f}",
         f"{d['tool_turn']['idle_stall_ms']:.0f} idle loop", "", "<= 50",
         "yes" if d["tool_turn"]["max_stall_ms"] <= TARGETS["max_stall_ms"] else "NO"),
        ("the first tool turn (MCP server starting), stall ms", f"{d['tool_turn']['cold_stall_ms']:.0f}", "", "", "",
         ""),
        ("10,000 ledger writes, ms", f"{db['ledger_ms']:.0f}", f"{db['ledger_raw_ms']:.0f} raw INSERTs",
         f"{ratio(db['ledger_ms'], db['ledger_raw_ms'])}x", "", ""),
        ("bundle: start to first paint, ms",
         "not built" if result["bundle_start_ms"] is None else f"{result['bundle_start_ms']:.0f}",
         f"{s['parley']['start_ms']:.0f} python -m app", f"{result['bundle_start_ratio']}x", "", ""),
        ("bundle on disk, MB", "not built" if result["bundle_mb"] is None else f"{result['bundle_mb']:.0f}",
         "" if d["bundle"].get("bundle_fresh", True) else "(built from older sources)", "", "< 150",
         met("bundle_mb", result["bundle_mb"])),
    ]  # fmt: skip
    rows += million_rows(result) + more_rows(result)
    widths = [max(len(str(r[i])) for r in [*rows, HEADER]) for i in range(len(HEADER))]
    lines = [" | ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in [HEADER, *rows]]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def million_rows(result: dict[str, Any]) -> list[tuple[str, ...]]:
    m = result["details"]["million"]
    return [
        ("search 1M messages, median query, ms", f"{m['search_1m_ms']:.1f}", "", "", "< 50",
         "yes" if m["search_1m_ms"] < 50 else "NO"),
        (f"search 1M, worst common word ({m['search_1m_worst_query']!r}), ms", f"{m['search_1m_worst_ms']:.0f}", "",
         "", "< 300", "yes" if m["search_1m_worst_ms"] < 300 else "NO"),
        ("search 1M, half-typed word ('th', 's'), ms", f"{m['search_1m_fragment_ms']:.0f}", "", "", "", ""),
        ("sidebar with 10,000 conversations opens, ms", f"{m['open_list_10k_ms']:.0f}", "", "", "< 100",
         "yes" if m["open_list_10k_ms"] < 100 else "NO"),
        ("sidebar scrolled to its end, slowest page, ms", f"{m['scroll_10k_worst_ms']:.0f}", "", "", "<= 50",
         "yes" if m["scroll_10k_worst_ms"] <= 50 else "NO"),
        ("start to first paint, 1M profile vs empty", f"{m['start_1m']['full']['first_paint_ms']}",
         f"{m['start_1m']['empty']['first_paint_ms']} empty profile", f"{m['start_1m_ratio']}x", "<= 1.05x",
         "yes" if m["start_1m_ratio"] <= 1.05 else "NO"),
        ("start to ready (list shown), 1M profile vs empty", f"{m['start_1m']['full']['ready_ms']}",
         f"{m['start_1m']['empty']['ready_ms']} empty profile", f"{m['ready_1m_ratio']}x", "", ""),
        ("database with 1M messages, MB", f"{m['db_1m_mb']}", "", "", "", ""),
    ]  # fmt: skip


def more_rows(result: dict[str, Any]) -> list[tuple[str, ...]]:
    f = result["details"]["four_end"]
    p, b = f["parley"], f["sync_end"]
    rows = [
        (f"4 answers of {p['tokens']:,} tokens ending together: worst stall, ms", f"{p['end_max_stall_ms']:.0f}",
         f"{b['end_max_stall_ms']:.0f} drawn again at once", f"{result['four_end_ratio']}x", "<= 50",
         "yes" if p["end_max_stall_ms"] <= TARGETS["four_end_max_stall_ms"] else "NO"),
        ("  while those 4 streamed: worst stall, ms", f"{p['stream_max_stall_ms']:.0f}",
         f"{b['stream_max_stall_ms']:.0f}", "", "", ""),
    ]  # fmt: skip
    s = result["details"]["soak"]
    day = f"{s['answers']:,} answers, {s['conversations']} conversations, {s['comparisons']} comparisons"
    heap_slope = s.get("soak_second_half_heap_slope_mb_per_1000")
    rows += [
        (f"a day of use ({day}): RSS growth after warm-up, MB", f"{s['soak_rss_growth_mb']:.0f}",
         f"{s['rss_after_warmup_mb']:.0f} after warm-up", "", "<= 30",
         "yes" if s["soak_rss_growth_mb"] <= TARGETS["soak_rss_growth_mb"] else "NO"),
        ("  its second half: RSS trend, MB per 1,000 answers", f"{s['soak_second_half_slope_mb_per_1000']}", "", "",
         "no upward trend", "yes" if s["soak_second_half_slope_mb_per_1000"] <= 1 else "NO"),
        ("  ... malloc's blocks in use, no conversation on screen", f"{heap_slope}", "", "", "no upward trend",
         "" if heap_slope is None else "yes" if heap_slope <= 1 else "NO"),
        ("  worst loop stall after warm-up, ms", f"{s['soak_max_stall_ms']:.0f}",
         f"{s['stalls_over_50ms']} stalls > 50 ms", "", "<= 50",
         "yes" if s["soak_max_stall_ms"] <= TARGETS["soak_max_stall_ms"] else "NO"),
        ("  how long the day took, s", f"{s['elapsed_s']:.0f}", "", "", "", ""),
    ]  # fmt: skip
    return rows


HEADER = ("measure", "Parley", "baseline (same run)", "ratio", "target", "met")


def step(name: str, measure: Callable[[], T]) -> T:
    print(f"== {name}...", end=" ", flush=True)
    began = time.perf_counter()
    value = measure()
    print(f"{time.perf_counter() - began:.0f} s", flush=True)
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (under ~2 minutes)")
    parser.add_argument("--json", type=Path, help="write the result object to this file")
    parser.add_argument("--build", action="store_true", help="build dist/parley first (packaging/build.sh)")
    options = parser.parse_args(argv)
    if not sys.platform.startswith("linux"):
        print("bench/run.py measures on Linux only", file=sys.stderr)
        return 2
    started = time.perf_counter()
    load_before = os.getloadavg()
    start = step("start-up", lambda: bench_start(3 if options.quick else 5))
    streams = step("streaming", lambda: bench_stream(1 if options.quick else 3, full=not options.quick))
    opened = step("open 2,000 messages", lambda: run_module("bench.open_conversation", "--runs",
                                                             "2" if options.quick else "5"))  # fmt: skip
    formulas = step("open 2,000 messages holding 200 formulas", lambda: run_module(
        "bench.open_conversation", "--formulas", "200", "--runs", "2" if options.quick else "5"))  # fmt: skip
    store = step("search and ledger", lambda: run_module("bench.store_bench"))
    tools = step("a two-step tool turn", lambda: run_module("bench.tool_turn", "--runs",
                                                            "5" if options.quick else "20"))  # fmt: skip
    million = step("a million messages", lambda: bench_million(options.quick))
    four = step("four answers ending together", lambda: bench_four_end(options.quick))
    soak = step("a day of use", lambda: bench_soak(options.quick))
    bundle = step("bundle", lambda: bundle_size(options.build, options.quick))
    result: dict[str, Any] = summarise(start, streams, opened, store, bundle, formulas)
    result.update({key: million[key] for key in MILLION_KEYS})
    result.update(summarise_more(four, soak))
    result["details"] = {
        "start": start, "stream": streams, "open2000": opened, "store": store, "bundle": bundle,
        "open_formulas": formulas, "tool_turn": tools, "million": million,
        "four_end": four, "soak": soak,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "load_before": [round(x, 2) for x in load_before],
                    "load_after": [round(x, 2) for x in os.getloadavg()]},
        "quick": options.quick, "elapsed_s": round(time.perf_counter() - started),
    }  # fmt: skip
    if options.json:  # first: a long run's numbers are kept even if the table cannot be drawn
        options.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print()
    print(table(result))
    kind = "quick" if options.quick else "full"
    print(
        f"\n{kind} run, {result['details']['elapsed_s']} s; load average {load_before[0]:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after ({os.cpu_count()} CPUs)"
    )
    if options.json:
        print(f"wrote {options.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
