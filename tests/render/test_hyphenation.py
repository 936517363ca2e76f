"""pipeline.render.hyphenation: marking words, and the rounds of layout, without WeasyPrint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline.errors import RenderError
from pipeline.render import hyphenation
from pipeline.render.hyphenation import limit_hyphenation, mark_loose, mark_unhyphenated

PAGE = (
    "<html><head><title>Zusammenarbeit</title></head>"
    "<body><p>Die Zusammenarbeit, die Zusammenarbeitende und "
    '<a title="Zusammenarbeit">Zusammenarbeit</a>.</p></body></html>'
)


def test_only_body_text_words_are_wrapped() -> None:
    marked = mark_unhyphenated(PAGE, ["Zusammenarbeit"])
    span = '<span class="nohyphen">Zusammenarbeit</span>'
    assert marked.count(span) == 2
    assert "<title>Zusammenarbeit</title>" in marked  # the head is left alone
    assert '<a title="Zusammenarbeit">' in marked  # and so are attributes
    assert '<a title="Zusammenarbeit">' + span + "</a>" in marked
    assert "Zusammenarbeitende" in marked and f"{span}nde" not in marked  # whole words only


def test_the_body_tag_s_attributes_are_left_alone() -> None:
    marked = mark_unhyphenated('<body class="brochure"><p>brochure</p></body>', ["brochure"])
    assert marked == '<body class="brochure"><p><span class="nohyphen">brochure</span></p></body>'


def test_no_words_change_nothing() -> None:
    assert mark_unhyphenated(PAGE, []) == PAGE


class Layouts:
    """A fake renderer: each layout still has ``runs`` words to unbreak, until none are left."""

    def __init__(self, runs: list[list[str]]) -> None:
        self.runs = runs
        self.sources: list[str] = []

    def render(self, html: str) -> Any:
        self.sources.append(html)
        return len(self.sources) - 1


@pytest.fixture
def fake_runs(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    runs: list[list[str]] = []

    def hyphenated_runs(document: Any) -> list[str]:
        return runs[document] if document < len(runs) else []

    monkeypatch.setattr(hyphenation, "hyphenated_runs", hyphenated_runs)
    monkeypatch.setattr(hyphenation, "page_final_breaks", lambda document: [])
    monkeypatch.setattr(hyphenation, "runt_breaks", lambda document: [])
    monkeypatch.setattr(hyphenation, "loose_paragraphs", lambda document: [])
    monkeypatch.setattr(hyphenation, "overflowing_tables", lambda document: [])
    return runs


def test_a_layout_without_long_runs_is_rendered_once(fake_runs: list[list[str]]) -> None:
    layouts = Layouts([])
    html, document = limit_hyphenation("<body><p>Wort</p></body>", layouts.render)
    assert (html, document) == ("<body><p>Wort</p></body>", 0)
    assert len(layouts.sources) == 1


def test_each_round_marks_the_broken_words_and_lays_out_again(fake_runs: list[list[str]]) -> None:
    fake_runs.extend([["Wort"], ["Satz"]])
    layouts = Layouts(fake_runs)
    html, document = limit_hyphenation("<body><p>Wort Satz</p></body>", layouts.render)
    assert document == 2 and len(layouts.sources) == 3
    assert html == (
        '<body><p><span class="nohyphen">Wort</span> <span class="nohyphen">Satz</span></p></body>'
    )
    assert layouts.sources[-1] == html


def test_the_rounds_stop_even_if_runs_remain(fake_runs: list[list[str]]) -> None:
    fake_runs.extend([["Wort"]] * 10)
    layouts = Layouts(fake_runs)
    _, document = limit_hyphenation("<body><p>Wort</p></body>", layouts.render)
    assert len(layouts.sources) == 1 + hyphenation._ROUNDS
    assert document == hyphenation._ROUNDS


#: Breaks the hyphenation patterns make, that split a compound's element (German)
#: or a name: each written as the two parts of the word they leave.
KNOWN_BAD_BREAKS = (
    ("de", "Zusamme-narbeit"),
    ("de", "Her-ausforderungen"),
    ("de", "Ausland-spraktikum"),
    ("de", "Deut-schland"),
    ("de", "Politi-kansätze"),
    ("de", "Projek-tanalyse"),
    ("de", "Studie-nabschluss"),
    ("de", "auszut-auschen"),
    ("de", "forts-etzte"),
    ("de", "mita-rbeitete"),
    ("de", "Entwicklungszusamme-narbeit"),
    ("cs", "Ren-nes"),
    ("de", "Ren-nes"),
    ("pl", "Ren-nes"),
)


def _breaks(lang: str, word: str) -> set[str]:
    """Every way WeasyPrint may break ``word``: at least 3 letters each side (hyphenate-limit-chars 6 3 3)."""
    import pyphen

    dictionary = pyphen.Pyphen(lang=lang, left=3, right=3)
    return {f"{word[:point]}-{word[point:]}" for point in dictionary.positions(word)}


@pytest.mark.parametrize(("lang", "bad"), KNOWN_BAD_BREAKS, ids=[bad for _, bad in KNOWN_BAD_BREAKS])
def test_known_bad_breaks_of_the_patterns_are_never_made(lang: str, bad: str) -> None:
    import pyphen

    word = bad.replace("-", "")
    # The patterns' own breaks first: the dictionaries of the pages' languages, their cache emptied.
    names = [name for name in pyphen.LANGUAGES if name.split("_")[0] in hyphenation.HYPHENATION_EXCEPTIONS]
    saved = {name: dict(pyphen.Pyphen(lang=name).hd.cache) for name in names}
    try:
        for cache in (pyphen.Pyphen(lang=name).hd.cache for name in names):
            cache.clear()
        assert bad in _breaks(lang, word), "the patterns no longer make this break: drop it from the list"
        hyphenation.install_hyphenation_exceptions()
        assert bad not in _breaks(lang, word)
    finally:
        for name, cache in saved.items():
            pyphen.Pyphen(lang=name).hd.cache.update(cache)


def test_a_compound_still_breaks_between_its_elements() -> None:
    hyphenation.install_hyphenation_exceptions()
    assert _breaks("de", "Zusammenarbeit") == {"Zusam-menarbeit", "Zusammen-arbeit", "Zusammenar-beit"}
    assert _breaks("de", "Herausforderungen") == {
        "Heraus-forderungen",
        "Herausfor-derungen",
        "Herausforde-rungen",
        "Herausforderun-gen",
    }
    assert _breaks("cs", "Rennes") == set()


def test_installing_exceptions_twice_equals_once() -> None:
    hyphenation.install_hyphenation_exceptions()
    once = _breaks("de", "Studienabschluss")
    hyphenation.install_hyphenation_exceptions()
    assert _breaks("de", "Studienabschluss") == once
    assert once == {"Stu-dienabschluss", "Studi-enabschluss", "Studien-abschluss", "Studienab-schluss"}


def test_a_loose_paragraph_is_tightened_then_set_ragged() -> None:
    page = '<body><p>Un</p><ul><li class="x">Deux</li></ul><p id="t">Trois</p></body>'
    once = mark_loose(page, [1, 2])
    assert (
        once
        == '<body><p>Un</p><ul><li class="x tight">Deux</li></ul><p id="t" class="tight">Trois</p></body>'
    )
    twice = mark_loose(once, [2])
    assert twice.endswith('<p id="t" class="tight ragged">Trois</p></body>')
    assert mark_loose(twice, [2]) == twice  # ragged is the last resort
    assert mark_loose(page, []) == page


RUNT_TEXT = (
    "The aim is to raise the profile of the city while making stakeholders aware of international solidarity."
)


def _runt_page(width: int) -> str:
    return (
        '<html lang="en"><head><style>.nohyphen { hyphens: manual }</style></head>'
        f'<body style="margin: 0"><p style="width: {width}mm; hyphens: auto; '
        f'font-size: 11pt; hyphenate-limit-chars: 6 3 3">{RUNT_TEXT}</p></body></html>'
    )


def test_a_paragraph_never_ends_on_the_broken_tail_of_a_word_alone() -> None:
    weasyprint = pytest.importorskip("weasyprint")

    def render(html: str) -> Any:
        return weasyprint.HTML(string=html).render()

    # Some measures break "solidar-ity." on the last two lines; each is found, then set whole.
    runts = [width for width in range(30, 90, 3) if hyphenation.runt_breaks(render(_runt_page(width)))]
    assert runts, "no measure between 30 and 90 mm gives a runt: the test text needs changing"
    for width in runts:
        assert hyphenation.runt_breaks(render(_runt_page(width))) == ["solidarity"]
        html, document = limit_hyphenation(_runt_page(width), render)
        assert '<span class="nohyphen">solidarity</span>' in html
        assert hyphenation.runt_breaks(document) == []


@pytest.mark.slow  # parses pyphen's four German dictionaries for real: some 3 s
def test_parsed_dictionaries_are_kept_and_read_back_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pyphen = pytest.importorskip("pyphen")
    monkeypatch.setattr(pyphen, "hdcache", {})
    names = hyphenation.load_dictionaries(["de"], tmp_path)
    assert names == ["de", "de_AT", "de_CH", "de_DE"]
    parsed = {path.name: dictionary.patterns for path, dictionary in pyphen.hdcache.items()}
    expected = pyphen.Pyphen(lang="de_DE").inserted("Zusammenarbeit")
    stored = sorted(path.name.split("-")[0] for path in tmp_path.glob("*.marshal"))
    assert stored == ["hyph_de_AT", "hyph_de_CH", "hyph_de_DE"]

    monkeypatch.setattr(pyphen, "hdcache", {})

    class NeverParsed(pyphen.HyphDict):  # type: ignore[misc]
        def __init__(self, path: object) -> None:
            raise AssertionError(f"{path} parsed again")

    monkeypatch.setattr(pyphen, "HyphDict", NeverParsed)
    hyphenation.load_dictionaries(["de"], tmp_path)
    assert {path.name: dictionary.patterns for path, dictionary in pyphen.hdcache.items()} == parsed
    assert pyphen.Pyphen(lang="de_DE").inserted("Zusammenarbeit") == expected
    # The three German dictionaries have the same patterns: one table, read once, and a cache of words each.
    german = [pyphen.hdcache[pyphen.LANGUAGES[name]] for name in ("de_AT", "de_CH", "de_DE")]
    assert german[0].patterns is german[1].patterns is german[2].patterns
    assert len({id(dictionary.cache) for dictionary in german}) == 3


def test_a_damaged_cache_file_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pyphen = pytest.importorskip("pyphen")
    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphenation.load_dictionaries(["pl"], tmp_path)
    expected = pyphen.Pyphen(lang="pl").inserted("współpraca")
    (stored,) = tmp_path.glob("*.marshal")
    stored.write_bytes(b"\x00not marshal")
    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphenation.load_dictionaries(["pl"], tmp_path)
    assert pyphen.Pyphen(lang="pl").inserted("współpraca") == expected
    assert stored.read_bytes() != b"\x00not marshal"  # written again


def test_without_a_cache_folder_the_dictionaries_are_parsed_by_pyphen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pyphen = pytest.importorskip("pyphen")
    monkeypatch.setattr(pyphen, "hdcache", {})
    assert hyphenation.load_dictionaries(["pl"]) == ["pl", "pl_PL"]
    assert list(pyphen.hdcache) == [pyphen.LANGUAGES["pl"]]


def test_a_pyphen_version_outside_the_known_ones_is_an_error_that_says_what_to_do() -> None:
    pyphen = pytest.importorskip("pyphen")
    hyphenation.check_pyphen_version(pyphen.__version__)
    hyphenation.check_pyphen_version("0.14.0")
    for version in ("0.13.2", "0.19", "1.0.0", "dev"):
        with pytest.raises(RenderError) as error:
            hyphenation.check_pyphen_version(version)
        assert str(error.value) == (
            f"pipeline/render/hyphenation.py: expected pyphen 0.14 to 0.18, found {version}: "
            "check the dictionaries' insides used here, then widen PYPHEN_VERSIONS"
        )
