#!/usr/bin/env python3
"""Stdlib-only sanity check for this development set: the blind set's check.py (same format) run on
this folder. Exits non-zero if it finds any problem."""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.exit(subprocess.call([sys.executable, os.path.join(here, "..", "gold-blind", "check.py"), here]))
