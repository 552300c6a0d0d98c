"""GUI entry point: `python main.py` (or `make run`)."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
