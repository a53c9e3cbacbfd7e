"""glibc's allocator limited to two arenas (threads that allocate at once share them) and trimmed on request. Run
in child processes: an arena, once made, stays for the life of the process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from app.core import allocator

pytestmark = pytest.mark.skipif(allocator._glibc() is None, reason="glibc only")
ROOT = Path(__file__).resolve().parents[2]

ARENAS_USED = textwrap.dedent("""
    import ctypes, sys, threading
    from app.core.allocator import limit_arenas
    if sys.argv[1] == "limit":
        print(limit_arenas())
    libc = ctypes.CDLL(None)
    libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
    start, kept = threading.Barrier(8), []
    def allocate():
        start.wait()
        kept.extend(libc.malloc(100) for _ in range(2000))
    threads = [threading.Thread(target=allocate) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    text, size = ctypes.c_char_p(), ctypes.c_size_t()
    libc.open_memstream.restype = ctypes.c_void_p
    stream = ctypes.c_void_p(libc.open_memstream(ctypes.byref(text), ctypes.byref(size)))
    libc.malloc_info(0, stream)
    libc.fclose(stream)
    print(text.value.decode().count("<heap nr="))
""")


def arenas(mode: str, **env: str) -> list[str]:
    done = subprocess.run([sys.executable, "-c", ARENAS_USED, mode], capture_output=True, text=True, timeout=60,
                          env={"PATH": "/usr/bin:/bin", **env}, cwd=ROOT, check=True)  # fmt: skip
    return done.stdout.split()


def test_threads_allocating_at_once_share_two_arenas() -> None:
    assert int(arenas("none")[-1]) > allocator.ARENAS  # glibc's default: a thread finding the arenas busy makes one
    assert arenas("limit") == ["True", str(allocator.ARENAS)]


def test_the_environment_wins() -> None:
    assert arenas("limit", MALLOC_ARENA_MAX="3") == ["False", "3"]


def test_give_back_returns_free_pages_to_the_system() -> None:
    script = textwrap.dedent("""
        import ctypes, os
        from app.core.allocator import give_back
        libc = ctypes.CDLL(None)
        libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, [ctypes.c_size_t]
        libc.free.argtypes = [ctypes.c_void_p]
        libc.mallopt(-1, 1 << 30)  # M_TRIM_THRESHOLD: glibc trims nothing by itself
        libc.mallopt(-3, 1 << 30)  # M_MMAP_THRESHOLD: all of it in the heap
        def rss_mb():
            with open("/proc/self/statm") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        blocks = [libc.malloc(4096) for _ in range(20_000)]  # 80 MB, touched
        for block in blocks:
            ctypes.memset(block, 1, 4096)
        for block in blocks[:-1]:  # the last one stays: the heap cannot simply shrink from its top
            libc.free(block)
        before = rss_mb()
        print(give_back(), round(before - rss_mb()))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=ROOT,
                          check=True)  # fmt: skip
    released, mb = done.stdout.split()
    assert released == "True" and int(mb) > 50
