"""make bench-images: what a camera-sized photo costs a build, against a small image, medians of 3.

In copies of the project (nothing here touches the checkout), a news item
with one figure is built as a draft in English (its page, A5 PDF and e-book,
and the Exeter, Rochester and Cork brochures, three PDFs each), once with a
4500 × 4500 PNG of noise (about 60 MB, as a camera's export is) and once with
a 560 × 420 JPEG (about 200 kB). Each run starts from an empty outputs
folder and an empty image cache, so every image is decoded and fitted; the
issue asks the large case to stay within 1.5 times the small one. The sizes
of the large image's outputs are printed too. Not a test: nothing here asserts
a duration.
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.project import copy_project

NEWS = """---
title: Une photographie de la délégation
lang: fr
kind: news
author: Service International et Europe
---

La délégation a été reçue à l’hôtel de ville. Une photographie de la
rencontre accompagne cette brève.

![Une image de test](images/photo.{ext} "Une image de test")
"""


def noise_png(side: int) -> bytes:
    """A ``side`` × ``side`` PNG of random pixels: it does not compress, as a camera's export."""
    from PIL import Image

    image = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def small_jpeg() -> bytes:
    """A 560 × 420 JPEG of random pixels: about 200 kB."""
    from PIL import Image

    out = io.BytesIO()
    Image.frombytes("RGB", (560, 420), os.urandom(560 * 420 * 3)).save(out, "JPEG", quality=80)
    return out.getvalue()


def build_seconds(project: Path) -> float:
    """One draft build of the news item in English, from empty outputs."""
    shutil.rmtree(project / "outputs", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(
        [
            "make",
            "--no-print-directory",
            f"BIN={ROOT / '.venv' / 'bin'}",
            "STAMP=.venv-ready",
            "draft",
            "ARTICLE=breve-photo",
            "LANGS=en",
        ],
        cwd=project,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="jumelage-bench-images-") as folder:
        cases = {"large": ("png", noise_png(4500)), "small": ("jpg", small_jpeg())}
        projects = {}
        for name, (ext, data) in cases.items():
            project = copy_project(Path(folder) / name)
            (project / ".venv-ready").touch()
            (project / "source" / "images").mkdir(exist_ok=True)
            (project / "source" / "images" / f"photo.{ext}").write_bytes(data)
            (project / "source" / "breve-photo.md").write_text(NEWS.format(ext=ext), encoding="utf-8")
            projects[name] = project
            print(f"{name}: {ext.upper()} of {len(data) / 1e6:.1f} MB")
        medians = {}
        for name, project in projects.items():
            runs = [build_seconds(project) for _ in range(3)]
            medians[name] = statistics.median(runs)
            print(f"{name}: median {medians[name]:.1f} s of {', '.join(f'{run:.1f}' for run in runs)}")
        print(f"ratio large / small: {medians['large'] / medians['small']:.2f} (the issue asks at most 1.5)")
        outputs = projects["large"] / "outputs" / "draft"
        for path in sorted([*outputs.rglob("breve-photo*"), *(outputs / "images").glob("photo-*")]):
            print(f"  {path.relative_to(outputs)}: {path.stat().st_size / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
