"""Every catalog a command writes is valid gettext: ``msgfmt --check`` passes on each PO and POT file.

The article of a copy of the project is edited as authors edit it (a word changed in its longest
paragraph, a paragraph removed, a short one and a long one written over many lines added), then
each command that writes catalogs runs: ``jumelage update`` (``make catalogs``), ``translate``
(drafts from a LibreTranslate server on 127.0.0.1), ``tm import`` and the pseudo edition. Their
catalogs hold fuzzy entries with previous msgids, obsolete entries, long messages, and must pass.
The tests skip, saying why, where msgfmt is absent.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog

from pipeline.catalogs.po import read_catalog, serialize_catalog, write_catalog
from pipeline.drafts.policy import DraftOptions
from pipeline.project import Project
from pipeline.workflow.catalogs import extract_templates, update_catalogs
from pipeline.workflow.drafts import build_pseudo, draft_translations, export_memory, import_memory

from .fake_libretranslate import Behaviour, running_server
from .msgfmt import msgfmt_errors, require_msgfmt
from .project import SLUG

ADDED = "Un paragraphe ajouté, tout neuf."
#: Written over many source lines, with quotes, guillemets and a "20 % des" Babel takes for python-format.
LONG_ADDED = """Pour finir, un long paragraphe ajouté sur plusieurs lignes de la source, avec
des « guillemets », des "guillemets droits", des apostrophes d’imprimerie et
l'apostrophe droite, un pourcentage (20 % des dépenses du service vont aux
jumelages, soit 100 % de ce qui était prévu), des noms propres comme Erlangen,
Exeter, Rochester, Brno, Cork et Poznań, et assez de mots pour que le message
soit coupé sur bien des lignes du catalogue, bien au-delà des soixante-seize
colonnes qu'un msgid peut tenir sur une seule ligne."""


def message_id(paragraph: str) -> str:
    """A paragraph's message, as the extractor writes it: its words on one line."""
    return " ".join(paragraph.split())


def edit_article(project: Project) -> str:
    """Edit the article as an author would; return the message of the paragraph changed by a word."""
    source = project.source_dir / f"{SLUG}.md"
    head, body = source.read_text(encoding="utf-8").split("\n---\n", 1)
    paragraphs = body.split("\n\n")
    prose = [index for index, text in enumerate(paragraphs) if text.strip()[:1].isalpha()]
    longest = max(prose, key=lambda index: len(paragraphs[index]))
    edited = paragraphs[longest]
    paragraphs[longest] = edited.replace(" ", " vraiment ", 1)
    del paragraphs[next(index for index in reversed(prose) if index != longest)]
    paragraphs += [ADDED, LONG_ADDED + "\n"]
    source.write_text(head + "\n---\n" + "\n\n".join(paragraphs), encoding="utf-8")
    return message_id(edited)


def written_catalogs(root: Path) -> list[Path]:
    return sorted([*root.rglob("*.po"), *root.rglob("*.pot")])


def refused(paths: list[Path]) -> dict[str, list[str]]:
    """What msgfmt --check refuses in each file; empty when every file passes."""
    assert paths
    return {str(path): errors for path in paths if (errors := msgfmt_errors(path))}


def test_catalogs_brought_up_to_date_after_edits_are_valid_gettext(project_copy: Path) -> None:
    require_msgfmt()
    project = Project(project_copy)
    edit_article(project)
    changed = update_catalogs(project)
    assert project.template_path(SLUG) in changed and project.catalog_path("de", SLUG) in changed
    german = project.catalog_path("de", SLUG).read_text(encoding="utf-8")
    assert "#, fuzzy" in german and '#| msgid ""\n#| "' in german and "\n#~ msgid " in german
    # A reviewer translates the long new paragraph: its "20 %" must not make it a python-format.
    path = project.catalog_path("pl", SLUG)
    polish = read_catalog(path, "pl")
    polish.get(message_id(LONG_ADDED)).string = "Na koniec długi akapit: 20 % wydatków, czyli 100 % planu."
    write_catalog(path, polish)
    assert refused(written_catalogs(project.locales_dir)) == {}
    # Stable: a second run writes nothing, and each file written reads back as itself.
    assert update_catalogs(project) == [] and extract_templates(project) == []
    for catalog in changed:
        assert serialize_catalog(read_catalog(catalog)) == catalog.read_bytes(), catalog


def test_machine_drafts_are_valid_gettext(project_copy: Path) -> None:
    require_msgfmt()
    project = Project(project_copy)
    edit_article(project)
    with running_server(Behaviour()) as url:
        options = DraftOptions(engine="libretranslate", url=url, timeout=5.0, backoff=0.01)
        reports = draft_translations(project, ["de", "pl"], options)
    assert all(report.drafted >= 2 and not report.failed for report in reports.values())
    german = project.catalog_path("de", SLUG).read_text(encoding="utf-8")
    assert "machine translation: libretranslate" in german and '#| msgid ""' in german
    assert refused([project.catalog_path(lang, SLUG) for lang in ("de", "pl")]) == {}


def test_a_translation_memory_import_writes_valid_gettext(project_copy: Path, tmp_path: Path) -> None:
    require_msgfmt()
    project = Project(project_copy)
    tmx = tmp_path / "memory.tmx"
    assert export_memory(project, tmx) > 0
    kept = edit_article(project)
    # The Czech catalog lost its translations but one; the memory brings them back, as drafts.
    path = project.catalog_path("cs", SLUG)
    czech: Catalog = read_catalog(path, "cs")
    for message in czech:
        if message.id and message.id != kept:
            message.string = ""
    write_catalog(path, czech)
    assert import_memory(project, tmx) > 0
    text = path.read_text(encoding="utf-8")
    assert "translation memory: imported from memory.tmx" in text and '#| msgid ""' in text
    assert refused([path]) == {}


def test_the_pseudo_edition_catalogs_are_valid_gettext(project_copy: Path) -> None:
    require_msgfmt()
    project = Project(project_copy)
    edit_article(project)
    build_pseudo(project, [])
    assert refused(written_catalogs(project.outputs_dir / "pseudo" / "locales")) == {}
