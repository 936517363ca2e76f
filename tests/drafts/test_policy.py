"""pipeline.drafts.policy: what a run drafts and how a draft enters its catalog, on inline catalogs and
through the real deep-translator client against a LibreTranslate-compatible server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.catalog import Catalog

from pipeline.catalogs.po import MACHINE_COMMENT, MEMORY_COMMENT, read_catalog
from pipeline.drafts.engines import PseudoEngine, TranslateError
from pipeline.drafts.glossary import Glossary, Term
from pipeline.drafts.memory import MemoryEntry, TranslationMemory
from pipeline.drafts.policy import (
    DraftOptions,
    draft_language,
    select_messages,
    set_draft,
)
from pipeline.project import Project
from pipeline.workflow.drafts import draft_translations

from ..fake_libretranslate import Behaviour, fake_translation, running_server
from ..project import SLUG
from .conftest import german, options, with_new_article

# --- on inline catalogs -----------------------------------------------------------------------------


def inline_catalog() -> Catalog:
    catalog = Catalog(locale="de")
    catalog.add("Vide")
    catalog.add("Relu", "Geprüft")
    catalog.add("Brouillon", "Entwurf", flags=["fuzzy"])
    catalog.add("Changé", "Alt", flags=["fuzzy"], previous_id=["Ancien"])
    return catalog


def test_select_messages_takes_untranslated_ones_and_never_a_reviewed_one() -> None:
    catalog = inline_catalog()
    assert [message.id for message in select_messages(catalog, refresh_fuzzy=False)] == ["Vide"]
    assert [message.id for message in select_messages(catalog, refresh_fuzzy=True)] == ["Vide", "Changé"]


def test_set_draft_replaces_the_previous_origin_and_sets_the_flag() -> None:
    message = inline_catalog()["Changé"]
    message.auto_comments = ["a note from the source", f"{MACHINE_COMMENT}google"]
    set_draft(message, "Neu", f"{MEMORY_COMMENT}reviewed in ailleurs", fuzzy=False)
    assert message.string == "Neu" and not message.fuzzy and message.previous_id == []
    assert message.auto_comments == ["a note from the source", f"{MEMORY_COMMENT}reviewed in ailleurs"]
    set_draft(message, "Neuer", f"{MACHINE_COMMENT}deepl")
    assert message.fuzzy and message.auto_comments[-1] == f"{MACHINE_COMMENT}deepl"


def test_draft_language_uses_the_memory_first_then_the_engine_once_a_text() -> None:
    first, second = inline_catalog(), Catalog(locale="de")
    second.add("Vide")
    second.add("Presque relu")
    memory = TranslationMemory()
    memory.add("de", MemoryEntry("Presque relu !", "Fast geprüft!", "autre-article"))
    saved: list[str] = []
    report = draft_language(
        {"un": first, "deux": second},
        "de",
        PseudoEngine(),
        memory,
        Glossary(),
        DraftOptions(engine="pseudo", workers=1),
        saved.append,
    )
    close = second["Presque relu"]
    assert close.string == "Fast geprüft!" and close.fuzzy
    assert (
        close.auto_comments[-1].startswith(f"{MEMORY_COMMENT}")
        and "% match from autre-article" in (close.auto_comments[-1])
    )
    assert first["Vide"].string == second["Vide"].string == PseudoEngine().translate("Vide")
    assert first["Vide"].auto_comments == [f"{MACHINE_COMMENT}pseudo"] and first["Vide"].fuzzy
    assert first["Relu"].string == "Geprüft" and not first["Relu"].fuzzy
    assert (report.drafted, report.from_memory, report.requests, report.failed) == (2, 1, 1, [])
    assert set(saved) == {"un", "deux"}


def test_kept_names_reach_the_engine_as_placeholders() -> None:
    catalog = Catalog(locale="de")
    catalog.add("Visite de Rennes Métropole")
    sent: list[str] = []

    class Recording:
        def translate(self, text: str) -> str:
            sent.append(text)
            return text.replace("Visite de", "Besuch von")

    glossary = Glossary((Term("Rennes Métropole", keep=True),))
    draft_language(
        {"un": catalog}, "de", Recording(), TranslationMemory(), glossary, DraftOptions("x"), lambda _: None
    )
    assert sent == ["Visite de {0}"]
    assert catalog["Visite de Rennes Métropole"].string == "Besuch von Rennes Métropole"


def test_without_an_engine_the_memory_alone_cannot_draft_everything() -> None:
    with pytest.raises(TranslateError, match="expected an engine"):
        draft_language(
            {"un": inline_catalog()},
            "de",
            None,
            TranslationMemory(),
            Glossary(),
            DraftOptions("pseudo"),
            lambda _: None,
        )


# --- against the local server -----------------------------------------------------------------------


def test_drafts_land_fuzzy_with_the_engine_named_and_reviewed_entries_untouched(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    reviewed_before = project.catalog_path("de", SLUG).read_bytes()
    behaviour = Behaviour()
    with running_server(behaviour) as url:
        reports = draft_translations(project, ["de"], options(url))
    catalog = german(project)
    drafted = [message for message in catalog if message.id]
    assert drafted and all(message.fuzzy for message in drafted)
    for message in drafted:
        assert "machine translation: libretranslate" in message.auto_comments
        assert message.string == fake_translation(message.id, "de")  # markup restored exactly
    assert project.catalog_path("de", SLUG).read_bytes() == reviewed_before
    assert reports["de"].drafted == len(drafted) and reports["de"].requests == behaviour.requests


def test_a_second_run_sends_no_request(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    behaviour = Behaviour()
    with running_server(behaviour) as url:
        draft_translations(project, ["de"], options(url))
        first = behaviour.requests
        after = draft_translations(project, ["de"], options(url))
    assert first > 0 and behaviour.requests == first and after["de"].requests == 0


def test_memory_reuses_reviewed_sentences_of_another_article(project_copy: Path) -> None:
    (project_copy / "source" / "suite.md").write_text(
        "---\ntitle: Suite\nlang: fr\n---\n\n## Le parcours de Simon Letonturier\n\n"
        "## Les réseaux et partenariats de la métropole\n\nUne phrase toute neuve.\n",
        encoding="utf-8",
    )
    project = Project(project_copy)
    behaviour = Behaviour()
    with running_server(behaviour) as url:
        report = draft_translations(project, ["de"], options(url))["de"]
    catalog = german(project, "suite")
    exact = catalog.get("Le parcours de Simon Letonturier")
    reviewed = read_catalog(project.catalog_path("de", SLUG), "de").get("Le parcours de Simon Letonturier")
    assert exact is not None and reviewed is not None
    assert exact.string == reviewed.string and not exact.fuzzy
    assert any(comment.startswith("translation memory: reviewed in") for comment in exact.auto_comments)
    close = catalog.get("Les réseaux et partenariats de la métropole")
    assert close is not None and close.fuzzy and close.string
    assert any("% match from" in comment for comment in close.auto_comments)
    assert report.from_memory == 2 and behaviour.requests == 2  # "Suite" and the new sentence only


def test_damaged_placeholders_leave_the_message_untranslated(project_copy: Path) -> None:
    project = with_new_article(project_copy)
    with running_server(Behaviour(always="damage")) as url:
        report = draft_translations(project, ["de"], options(url))["de"]
    catalog = german(project)
    link = next(message for message in catalog if message.id and "](https://www.erlangen.de/)" in message.id)
    assert not link.string
    assert any("placeholders damaged" in failure for failure in report.failed)
