"""pipeline.drafts.memory: reviewed catalogs → memory, exact and close matches, TMX out and back in."""

from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog

from pipeline.drafts.memory import (
    CLOSE_MATCH,
    MemoryEntry,
    TranslationMemory,
    export_tmx,
    memory_from_catalogs,
    parse_tmx,
)
from pipeline.errors import JumelageError

# --- on inline memories -----------------------------------------------------------------------------


def small_memory() -> TranslationMemory:
    memory = TranslationMemory()
    memory.add("de", MemoryEntry("Les villes jumelles de Rennes", "Die Partnerstädte von Rennes", "a"))
    memory.add("de", MemoryEntry("Bonjour", "Hallo", "a"))
    memory.add("pl", MemoryEntry("Bonjour", "Dzień dobry", "b"))
    return memory


def test_only_reviewed_translations_enter_the_memory() -> None:
    catalog = Catalog(locale="de")
    catalog.add("Relu", "Geprüft")
    catalog.add("Brouillon", "Entwurf", flags=["fuzzy"])
    catalog.add("Vide")
    memory = memory_from_catalogs([("article", "de", catalog)])
    assert len(memory) == 1
    assert memory.exact("de", "Relu") == MemoryEntry("Relu", "Geprüft", "article")
    assert memory.exact("de", "Brouillon") is None and memory.exact("de", "Vide") is None


def test_the_first_origin_of_a_text_is_kept() -> None:
    memory = small_memory()
    memory.add("de", MemoryEntry("Bonjour", "Guten Tag", "z"))
    entry = memory.exact("de", "Bonjour")
    assert entry is not None and (entry.target, entry.origin) == ("Hallo", "a")


def test_exact_matches_are_by_language() -> None:
    memory = small_memory()
    assert memory.exact("pl", "Bonjour") == MemoryEntry("Bonjour", "Dzień dobry", "b")
    assert memory.exact("cs", "Bonjour") is None and memory.exact("de", "bonjour") is None


def test_a_close_match_comes_with_its_similarity() -> None:
    found = small_memory().close("de", "Les villes jumelles de Rennes !")
    assert found is not None
    entry, ratio = found
    assert entry.target == "Die Partnerstädte von Rennes"
    assert CLOSE_MATCH <= ratio < 1


def test_a_distant_text_has_no_close_match() -> None:
    assert small_memory().close("de", "Une tout autre phrase") is None
    assert small_memory().close("cs", "Bonjour") is None


def test_tmx_round_trip_of_an_inline_memory() -> None:
    memory = small_memory()
    data = export_tmx(memory)
    assert data.startswith(b"<?xml") and b'srclang="fr"' in data
    again = parse_tmx(data, "memory.tmx")
    assert export_tmx(again) == data
    assert again.exact("pl", "Bonjour") == MemoryEntry("Bonjour", "Dzień dobry", "memory.tmx")


def test_tmx_with_regional_codes_reads_as_base_languages() -> None:
    data = (
        b'<tmx version="1.4"><header srclang="fr-FR"/><body><tu>'
        b'<tuv xml:lang="fr-FR"><seg>Bonjour</seg></tuv><tuv xml:lang="de-DE"><seg>Hallo</seg></tuv>'
        b"</tu></body></tmx>"
    )
    memory = parse_tmx(data, "agence.tmx")
    assert memory.exact("de", "Bonjour") == MemoryEntry("Bonjour", "Hallo", "agence.tmx")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<tmx><body>", "agence.tmx:1: expected TMX (XML), found malformed XML"),
        (b"<xliff/>", "expected a <tmx>"),
    ],
)
def test_a_broken_tmx_is_a_located_error(data: bytes, message: str) -> None:
    with pytest.raises(JumelageError) as caught:
        parse_tmx(data, "agence.tmx")
    assert message in str(caught.value)


# --- the project's memory ---------------------------------------------------------------------------


def test_a_tmx_with_an_entity_bomb_is_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa">]><tmx><body>&a;</body></tmx>'
    with pytest.raises(JumelageError, match="expected plain TMX"):
        parse_tmx(bomb, "bomb.tmx")


@pytest.mark.parametrize("srclang", ["en", "en-US", "de"])
def test_a_tmx_translated_from_another_language_is_refused(srclang: str) -> None:
    data = (
        f'<tmx version="1.4"><header srclang="{srclang}"/><body><tu>'
        f'<tuv xml:lang="{srclang}"><seg>Hello</seg></tuv><tuv xml:lang="pl"><seg>Cześć</seg></tuv>'
        "</tu></body></tmx>"
    ).encode()
    with pytest.raises(
        JumelageError,
        match=rf'agence.tmx: expected a memory translated from French \(srclang="fr"\), found srclang="{srclang}"',  # noqa: E501
    ):
        parse_tmx(data, "agence.tmx")
