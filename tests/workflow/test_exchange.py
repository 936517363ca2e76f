"""make xliff and jumelage xliff import on a copy of the project's catalogs: files, languages, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from pipeline.catalogs.xliff import NS, XliffError
from pipeline.project import Project
from pipeline.workflow.exchange import exchanges, export_xliff_files, import_xliff_file, xliff_path

from ..project import copy_catalogs, run_jumelage, tree_digests

ARTICLE = "simon-letonturier-service-international"
Q = f"{{{NS}}}"


@pytest.fixture
def catalogs(tmp_path: Path) -> Project:
    """The project's sources and catalogs, copied: imports may write there."""
    return copy_catalogs(tmp_path)


COLLECTION = "rennes-international"


def edit_target(path: Path, french_start: str, text: str, state: str = "translated") -> None:
    root = etree.fromstring(path.read_bytes())
    for unit in root.iter(Q + "trans-unit"):
        source = "".join(unit.find(Q + "source").itertext())  # type: ignore[union-attr]
        if source.startswith(french_start):
            target = unit.find(Q + "target")
            assert target is not None
            for child in list(target):
                target.remove(child)
            target.text = text
            target.set("state", state)
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def set_file_attribute(path: Path, name: str, value: str) -> None:
    root = etree.fromstring(path.read_bytes())
    root.find(Q + "file").set(name, value)  # type: ignore[union-attr]
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def test_every_catalog_has_its_file_and_a_region_follows_its_language(catalogs: Project) -> None:
    listed = [(exchange.lang, exchange.slug, exchange.parent) for exchange in exchanges(catalogs)]
    assert (ARTICLE, "de") not in listed
    assert ("de", ARTICLE, None) in listed
    assert listed.index(("en_US", ARTICLE, "en")) == listed.index(("en", ARTICLE, None)) + 1
    assert ("fr", "ui", None) in listed and ("fr", ARTICLE, None) not in listed
    # The articles', then the collections', then the interface words.
    assert [(e.lang, e.slug) for e in exchanges(catalogs, ["en_US"])] == [
        ("en_US", ARTICLE),
        ("en_US", COLLECTION),
        ("en_US", "ui"),
    ]
    written = export_xliff_files(catalogs, ["de"])
    assert written == [
        xliff_path(catalogs, "de", ARTICLE),
        xliff_path(catalogs, "de", COLLECTION),
        xliff_path(catalogs, "de", "ui"),
    ]
    ui = etree.fromstring(written[2].read_bytes()).find(Q + "file")
    assert ui is not None and ui.get("source-language") == "en", "the interface words are written in English"


def test_an_import_rewrites_one_catalog_with_one_change(catalogs: Project) -> None:
    [article, *_] = export_xliff_files(catalogs, ["pl"])
    before = tree_digests(catalogs.root / "locales")
    edit_target(article, "Simon Letonturier présente", "Simon Letonturier przedstawia swój wydział")
    [imported] = import_xliff_file(catalogs, article)
    assert imported.written
    assert imported.report.changed == ["Simon Letonturier présente le service international"]
    after = tree_digests(catalogs.root / "locales")
    changed = {path for path in after if before.get(path, (None,))[0] != after[path][0]}
    assert changed == {"pl/LC_MESSAGES/simon-letonturier-service-international.po"}
    po = (catalogs.root / "locales/pl/LC_MESSAGES/simon-letonturier-service-international.po").read_text()
    assert 'msgstr "Simon Letonturier przedstawia swój wydział"' in po


@pytest.mark.parametrize(
    ("attribute", "value", "expected"),
    [
        ("source-language", "en-US", "expected source-language='fr', the language locales/de/"),
        ("target-language", "pl", "expected target-language='de' for locales/de/"),
        ("original", "../../etc/passwd", "expected original= to name a catalog of this project"),
    ],
)
def test_a_file_for_another_catalog_or_language_is_refused_and_nothing_written(
    catalogs: Project, attribute: str, value: str, expected: str
) -> None:
    [article, *_] = export_xliff_files(catalogs, ["de"])
    edit_target(article, "Simon Letonturier présente", "Geändert")
    set_file_attribute(article, attribute, value)
    before = tree_digests(catalogs.root / "locales")
    with pytest.raises(XliffError, match=expected):
        import_xliff_file(catalogs, article)
    assert tree_digests(catalogs.root / "locales") == before


def test_the_cli_reports_every_problem_at_its_line_and_exits_2(catalogs: Project) -> None:
    [article, *_] = export_xliff_files(catalogs, ["cs"])
    text = article.read_text()
    second = text.index('<ph id="1">', text.index('<ph id="1">') + 1)  # the first target's
    text = text[:second] + '<ph id="9">' + text[second + len('<ph id="1">') :]
    text = text.replace("<source>Simon Letonturier présente", "<source>Simon Letonturier présenta", 1)
    article.write_text(text)
    before = tree_digests(catalogs.root / "locales")
    result = run_jumelage(catalogs.root, "xliff", "import", str(article))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "outputs/xliff/cs/" in line]
    assert len(lines) == 2, result.stderr
    assert all(line.split(":")[1].isdigit() for line in lines)
    assert tree_digests(catalogs.root / "locales") == before


def test_a_dry_run_reports_and_writes_nothing(catalogs: Project) -> None:
    [article, *_] = export_xliff_files(catalogs, ["de"])
    edit_target(article, "Simon Letonturier présente", "Geändert", state="needs-review-translation")
    before = tree_digests(catalogs.root / "locales")
    result = run_jumelage(catalogs.root, "xliff", "import", "--dry-run", str(article))
    assert result.returncode == 0, result.stderr
    assert "would write, 1 changed, 1 still fuzzy" in result.stderr
    assert tree_digests(catalogs.root / "locales") == before
