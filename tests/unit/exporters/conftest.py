"""The exporter tests import their helpers (exp_kit, exp_tools) from this folder."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
