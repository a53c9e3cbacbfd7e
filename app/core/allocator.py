"""glibc's allocator asked to keep less: few arenas, and free pages handed back after a big free.

With its defaults glibc gives threads up to eight arenas per core, each with its own free space, and keeps freed
pages mapped. Over a day of use that shows as resident memory creeping up (measured by bench/soak.py: about half
of the second half's growth was free space in arenas). Two arenas (the main thread's and one shared by the
workers, which mostly wait on the GIL anyway) and a trim after a conversation's document is dropped keep it flat.
Elsewhere (Windows, macOS, musl) both calls do nothing. MALLOC_ARENA_MAX in the environment wins over ours (a
limit given through GLIBC_TUNABLES does not: ours is set after glibc read it).
"""

from __future__ import annotations

import ctypes
import os
import sys
from functools import cache
from typing import Any

M_ARENA_MAX = -8  # mallopt's parameter number, from glibc's malloc.h
ARENAS = 2


@cache
def _glibc() -> Any | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)  # the C library the process runs on
    except OSError:
        return None
    if not all(hasattr(libc, name) for name in ("gnu_get_libc_version", "mallopt", "malloc_trim")):
        return None  # musl and others: their own allocator, left alone
    libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    libc.malloc_trim.argtypes = [ctypes.c_size_t]
    return libc


def limit_arenas(environ: dict[str, str] | os._Environ[str] = os.environ) -> bool:
    """At most ARENAS arenas from now on; call before any thread starts (a thread keeps the arena it got). True
    when set."""
    libc = _glibc()
    if libc is None or "MALLOC_ARENA_MAX" in environ:
        return False
    return bool(libc.mallopt(M_ARENA_MAX, ARENAS))


def give_back() -> bool:
    """Hand the free pages of every arena back to the system (0.2-4 ms measured over the day of use, at most
    twice a second: see app/ui/memory.py). True if any were."""
    libc = _glibc()
    return bool(libc.malloc_trim(0)) if libc is not None else False
