"""bench/build.py: the benchmark's preparation still runs against today's pipeline (not timed here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from .project import ROOT


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


def test_the_layout_limit_times_every_command_of_a_clean_build(project_copy: Path) -> None:
    spec = importlib.util.spec_from_file_location("jumelage_bench_build", ROOT / "bench" / "build.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    (project_copy / ".venv-ready").touch()
    commands = bench.build_commands(project_copy)
    kinds = {argv[0] for argv in commands}
    # "refused": a release ends by listing what it refused (nothing, here).
    assert kinds == {"rules", "build", "site", "refused"}
    # One build a language, one job at a time: the limit spreads the work over the cores itself.
    builds = [argv for argv in commands if argv[0] == "build"]
    assert sorted(argv[2] for argv in builds) == ["cs", "de", "en", "fr", "pl"]
    assert all(argv[-2:] == ["--jobs", "1"] for argv in builds)
    assert [argv[0] for argv in commands[-2:]] == ["site", "refused"]  # after everything they read
    assert not (project_copy / "outputs" / "site").exists()  # make -n ran nothing
    french = next(argv for argv in builds if argv[2] == "fr")
    subset = [["rules"], [*french, "--format", "html"]]
    warm, work, limit = bench.layout_limit(project_copy, subset)
    assert warm > 0 and work > 0 and limit >= warm
    assert (project_copy / "outputs" / "fr").is_dir()  # the commands really ran


def test_the_wide_benchmark_s_articles_are_what_it_says() -> None:
    spec = importlib.util.spec_from_file_location("jumelage_bench_wide", ROOT / "bench" / "wide.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    from pipeline.document import parse_document

    assert len(bench.long_word(3000)) == 3000 and bench.long_word(3000).isalpha()
    documents = {slug: parse_document(text, f"source/{slug}.md") for slug, text in bench.ARTICLES.items()}
    assert max(len(word) for word in documents["word-3000"].body.split()) == 3000
    cells = [segment for segment in documents["table-40"].segments if segment.kind == "table cell"]
    assert len(cells) == 40 * 5  # a header and four rows
