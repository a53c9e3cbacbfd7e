"""A hash of what a bundle is built from (sources, resources, packaging, installed packages): reuse a fresh build."""

from __future__ import annotations

import hashlib
import sys
from importlib.metadata import distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INPUTS = ("app", "packaging", "resources", "pyproject.toml")
STAMP = ".parley-fingerprint"  # written into dist/parley/ by build.sh


def fingerprint(root: Path = ROOT) -> str:
    digest = hashlib.sha256(sys.version.encode())
    for name in INPUTS:
        base = root / name
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            if "__pycache__" in path.parts or path.suffix == ".pyc":
                continue
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    # Installed packages only: the working directory on sys.path may hold a stray *.egg-info.
    installed = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages")]
    for dist in sorted(distributions(path=installed), key=lambda d: (d.metadata["Name"] or "").lower()):
        digest.update(f"{dist.metadata['Name']}=={dist.version}\n".encode())
    return digest.hexdigest()


if __name__ == "__main__":
    print(fingerprint())
