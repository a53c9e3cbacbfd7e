#!/usr/bin/env bash
# Builds Parley as a one-folder PyInstaller bundle in dist/parley/ and prints its size and build time.
# Installs PyInstaller into .venv (the `package` extra) if it is missing. See packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup
PY=.venv/bin/python
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  echo "== installing PyInstaller into .venv (pip install -e .[package])"
  "$PY" -m pip install -q -e ".[package]"
fi
started=$(date +%s)
rm -f dist/parley/.parley-fingerprint  # a failed build must not look fresh
fingerprint=$("$PY" packaging/fingerprint.py)  # of the inputs as they are now, before the build reads them

echo "== icons"
QT_QPA_PLATFORM=offscreen "$PY" packaging/render_icon.py resources/parley.svg build/icons >/dev/null

echo "== pyinstaller"
"$PY" -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/parley.spec

# Desktop integration files travel with the bundle (packaging/README.md says where to install them).
cp packaging/parley.desktop dist/parley/parley.desktop
cp build/icons/parley-256.png dist/parley/parley.png
cp resources/parley.svg dist/parley/parley.svg
echo "$fingerprint" > dist/parley/.parley-fingerprint  # lets tests and bench reuse this build

elapsed=$(( $(date +%s) - started ))
"$PY" - "$elapsed" <<'PYEOF'
"""Print the bundle's size on disk and its largest parts."""
import sys
from pathlib import Path

root = Path("dist/parley")
files = [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]
total = sum(p.stat().st_size for p in files)
print(f"== dist/parley: {total / 2**20:.0f} MB on disk ({len(files)} files), built in {sys.argv[1]} s")
for p in sorted(files, key=lambda p: p.stat().st_size, reverse=True)[:8]:
    print(f"  {p.stat().st_size / 2**20:6.1f} MB  {p.relative_to(root)}")
PYEOF
