"""bench/build.py: the benchmark's preparation still runs against today's pipeline (not timed here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from .conftest import ROOT


def test_the_naive_loop_gets_every_edition_s_brochure_page(project_copy: Path) -> None:
    spec = importlib.util.spec_from_file_location("jumelage_bench_build", ROOT / "bench" / "build.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    bench.save_brochure_pages(project_copy)
    pages = sorted((project_copy / "outputs" / ".brochures").glob("*.html"))
    assert [page.stem for page in pages] == sorted(
        ["exeter", "rochester", "erlangen", "brno", "cork", "poznan"]
    )
    assert all('class="cover-map"' in page.read_text(encoding="utf-8") for page in pages)
