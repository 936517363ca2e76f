"""Record, then compare, the sha256 of every file a build wrote under ``outputs/``.

A refactoring must leave every output byte unchanged. Before the first move::

    make clean && make && make draft
    .venv/bin/python tests/output_hashes.py record > /tmp/before.sha256

and after the last one, the same build, then::

    .venv/bin/python tests/output_hashes.py compare /tmp/before.sha256

``compare`` lists every file added, removed or changed and exits 1 if there is one.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path


def output_hashes(outputs: Path) -> dict[str, str]:
    """Every file below ``outputs`` (relative POSIX path) and the sha256 of its bytes."""
    return {
        path.relative_to(outputs.parent).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(outputs.rglob("*"))
        if path.is_file()
    }


def format_manifest(hashes: dict[str, str]) -> str:
    """``sha256sum``'s format, sorted by path."""
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(hashes.items()))


def parse_manifest(text: str) -> dict[str, str]:
    return {name: digest for digest, _, name in (line.partition("  ") for line in text.splitlines() if line)}


def compare(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """What differs, one line a file: ``added``, ``removed`` or ``changed``."""
    lines = [f"removed  {name}" for name in sorted(before.keys() - after.keys())]
    lines += [f"added    {name}" for name in sorted(after.keys() - before.keys())]
    lines += [
        f"changed  {name}" for name in sorted(before.keys() & after.keys()) if before[name] != after[name]
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("record", "compare"))
    parser.add_argument("manifest", nargs="?", help="compare: the manifest that 'record' printed")
    parser.add_argument("--outputs", default="outputs", help="the outputs folder (default: outputs)")
    args = parser.parse_args(argv)
    hashes = output_hashes(Path(args.outputs))
    if args.action == "record":
        sys.stdout.write(format_manifest(hashes))
        return 0
    if not args.manifest:
        parser.error("compare needs the manifest that 'record' printed")
    differences = compare(parse_manifest(Path(args.manifest).read_text(encoding="utf-8")), hashes)
    for line in differences:
        print(line)
    print(f"{len(hashes)} files, {len(differences)} differ")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
