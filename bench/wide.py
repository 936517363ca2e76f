"""make bench-wide: what wide content costs to lay out, medians of 3.

In a copy of the project (nothing here touches the checkout), four French
articles of the same paragraphs are built as drafts: the reference, one
whose middle paragraph holds a word of 1,500 characters, one with a word of
3,000 (a paste gone wrong: letters without a space), and one with a table of
40 columns. For each, the time to render its A5 PDF and Erlangen's brochure
(three PDFs) is measured in one process that imported WeasyPrint once, after
a warm-up, so the numbers are layout, not start-up. Rendering time should
grow with the article's length, no faster: twice the word, about twice the
extra time. Not a test: nothing here asserts a duration.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.project import Project
from pipeline.workflow.articles import copy_assets, write_html, write_pdf, write_translation
from pipeline.workflow.editions import write_edition
from pipeline.workflow.sources import load_editions_config
from tests.project import copy_project

EDITION = "erlangen"
PARAGRAPH = (
    "Le service des relations internationales accompagne les échanges entre les écoles, "
    "les associations et les entreprises des villes jumelles, et publie chaque année le "
    "bilan des projets menés ensemble."
)


def long_word(length: int) -> str:
    """``length`` letters without a space, the same every run (a pasted identifier, say)."""
    return "".join("abcdefghijklmnopqrstuvwxyz"[(index * 7 + index // 26) % 26] for index in range(length))


def wide_table(columns: int, rows: int = 4) -> str:
    """A pipe table of ``columns`` columns: a header and ``rows`` rows of short figures."""
    lines = ["| " + " | ".join(f"Colonne {number}" for number in range(1, columns + 1)) + " |"]
    lines.append("|" + "---|" * columns)
    lines += [
        "| " + " | ".join(f"{row * columns + number}" for number in range(columns)) + " |"
        for row in range(rows)
    ]
    return "\n".join(lines)


def article(title: str, middle: str) -> str:
    """Six paragraphs of plain text, ``middle`` between the third and the fourth."""
    text = "\n\n".join([PARAGRAPH] * 3 + [middle] + [PARAGRAPH] * 3)
    return (
        f"---\ntitle: {title}\nlang: fr\nkind: news\nauthor: Service International et Europe\n---\n\n{text}\n"
    )


ARTICLES = {
    "reference": article("Référence", PARAGRAPH),
    "word-1500": article("Un mot de 1 500 lettres", f"Voici le mot : {long_word(1500)} et la suite."),
    "word-3000": article("Un mot de 3 000 lettres", f"Voici le mot : {long_word(3000)} et la suite."),
    "table-40": article("Un tableau de 40 colonnes", wide_table(40)),
}


def median_time(action: Callable[[], object], repeat: int) -> float:
    """The median of ``repeat`` runs of ``action``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    # The articles are built to be too wide: their warnings are expected, not news.
    logging.getLogger("pipeline").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="jumelage-bench-wide-") as folder:
        project = Project(copy_project(Path(folder) / "p"))
        edition = next(item for item in load_editions_config(project).editions if item.key == EDITION)
        copy_assets(project, project.output_base(True))
        pages = {}
        for slug, text in ARTICLES.items():
            source = project.source_dir / f"{slug}.md"
            source.write_text(text, encoding="utf-8")
            markdown = project.output_path("fr", slug, "md", draft=True)
            write_translation(project, source, "fr", markdown, draft=True)
            pages[slug] = project.output_path("fr", slug, "html", draft=True)
            write_html(project, markdown, pages[slug])
        # The first layout pays for fonts and dictionaries: not counted.
        write_pdf(project, pages["reference"], pages["reference"].with_suffix(".pdf"))
        print(f"wide content benchmark: one A5 PDF and {EDITION}'s brochure, median of {args.repeat} runs")
        row = "{:<12} {:>10} {:>14}"
        print(row.format("article", "A5 PDF s", "brochure s"))
        for slug, html in pages.items():
            source = project.source_dir / f"{slug}.md"
            pdf = median_time(partial(write_pdf, project, html, html.with_suffix(".pdf")), args.repeat)
            brochure = median_time(partial(write_edition, project, source, edition, True), args.repeat)
            print(row.format(slug, f"{pdf:.2f}", f"{brochure:.2f}"), flush=True)


if __name__ == "__main__":
    main()
