"""The frozen build's entry point: the same `main` as `python -m app` and the installed `parley` script."""

from __future__ import annotations

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
