"""pipeline.document: segments, splicing translations back, the source refused at its line."""

from __future__ import annotations

import pytest

from pipeline.document import parse_document
from pipeline.errors import SourceError

FRONT = "---\ntitle: Titre\nlead: Un chapeau.\nlang: fr\n---\n"
BODY = """
## Un *titre*

Un paragraphe
sur deux lignes avec un [lien](https://example.org/).

- premier point ;
- second point
  qui continue.

> Une citation
> en deux lignes.

| Jour | Activité |
|------|----------|
| Lundi | Visite a\\|b |

![Le texte alternatif](image.png)

::: advice
**Conseil !** Dans un bloc.
:::
"""


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return [(segment.kind, segment.text) for segment in parse_document(text, "a.md").segments]


def test_every_kind_of_block_becomes_a_segment() -> None:
    assert kinds_and_texts(FRONT + BODY) == [
        ("front matter: title", "Titre"),
        ("front matter: lead", "Un chapeau."),
        ("heading", "Un *titre*"),
        ("paragraph", "Un paragraphe sur deux lignes avec un [lien](https://example.org/)."),
        ("list item", "premier point ;"),
        ("list item", "second point qui continue."),
        ("block quote", "Une citation en deux lignes."),
        ("table cell", "Jour"),
        ("table cell", "Activité"),
        ("table cell", "Lundi"),
        ("table cell", "Visite a\\|b"),
        ("image alt", "Le texte alternatif"),
        ("paragraph", "**Conseil !** Dans un bloc."),
    ]


def test_segment_lines_are_one_based_lines_of_the_file() -> None:
    document = parse_document(FRONT + BODY, "a.md")
    lines = (FRONT + BODY).split("\n")
    for segment in document.segments:
        first_words = segment.text.split()[0].strip("*")
        assert first_words in lines[segment.line - 1], segment


def test_empty_translation_map_gives_back_the_body_byte_for_byte() -> None:
    document = parse_document(FRONT + BODY, "a.md")
    assert document.rebuild({}) == document.body


def test_rebuild_keeps_each_blocks_own_syntax() -> None:
    document = parse_document(FRONT + BODY, "a.md")
    translations = {
        "Un *titre*": "A *heading*",
        "second point qui continue.": "second item, continued.",
        "Une citation en deux lignes.": "A quote on two lines.",
        "Visite a\\|b": "Visit a|b",
        "Le texte alternatif": "The alt text",
        "**Conseil !** Dans un bloc.": "**Advice!** In a box.",
    }
    rebuilt = parse_document(FRONT + document.rebuild(translations), "a.md")
    texts = [segment.text for segment in rebuilt.segments]
    assert "A *heading*" in texts
    assert "second item, continued." in texts
    assert "A quote on two lines." in texts
    assert "Visit a\\|b" in texts  # the pipe stays inside its cell
    assert "The alt text" in texts
    assert [segment.kind for segment in rebuilt.segments] == [segment.kind for segment in document.segments]


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        ("# not a heading", "\\# not a heading"),
        ("2018. A year", "2018\\. A year"),
        ("- no list", "\\- no list"),
    ],
)
def test_a_translation_cannot_change_the_kind_of_its_block(translation: str, expected: str) -> None:
    document = parse_document(FRONT + "\nUn paragraphe.\n", "a.md")
    body = document.rebuild({"Un paragraphe.": translation})
    assert body == f"\n{expected}\n"
    assert kinds_and_texts(FRONT + body)[-1] == ("paragraph", expected)


def test_no_break_spaces_survive_in_message_ids() -> None:
    text = FRONT + "\n47\u00a0000 projets\u202f!\n"
    assert kinds_and_texts(text)[-1] == ("paragraph", "47\u00a0000 projets\u202f!")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "a.md:1: expected a Markdown article with front matter, found an empty file"),
        ("# Titre\n", "a.md:1: expected front matter opening with '---', found \"# Titre\""),
        (
            "---\ntitle: Titre\nlang: fr\n",
            "a.md:1: expected front matter closed by '---', found the end of the file",
        ),
        ("---\ntitle: [Titre\nlang: fr\n---\n", "a.md:3: expected valid YAML front matter, found:"),
        ("---\n- a\n- b\n---\n", "a.md:2: expected front matter fields (key: value), found list"),
        ("---\nlang: fr\n---\n", "a.md:2: expected a text field 'title', found None"),
        ("---\ntitle: T\nlang: xx-zz\n---\n", "a.md:3: expected a language code such as 'fr', found 'xx-zz'"),
        ("---\ntitle: T\nlead: 3\nlang: fr\n---\n", "a.md:3: expected 'lead' to be text, found 3"),
    ],
)
def test_bad_sources_are_reported_with_file_and_line(text: str, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        parse_document(text, "a.md")
    assert str(caught.value).startswith(message)


def test_a_figure_gives_its_alt_text_and_its_caption_as_two_messages() -> None:
    doc = parse_document(
        '---\ntitle: T\nlang: fr\n---\n\n![Une frise](images/a.png "La *légende*")\n', "a.md"
    )
    assert [(s.kind, s.text, s.line) for s in doc.segments[1:]] == [
        ("image alt", "Une frise", 6),
        ("image caption", "La *légende*", 6),
    ]
    rebuilt = doc.rebuild({"Une frise": "A time line", "La *légende*": 'The "time" *line*'})
    assert rebuilt == '\n![A time line](images/a.png "The \\"time\\" *line*")\n'


def test_the_subtitle_is_a_message_like_the_title_and_the_lead() -> None:
    doc = parse_document("---\ntitle: T\nsubtitle: Sous-titre\nlead: L\nlang: fr\n---\n", "a.md")
    assert [(s.kind, s.line) for s in doc.segments] == [
        ("front matter: title", 2),
        ("front matter: subtitle", 3),
        ("front matter: lead", 4),
    ]


def test_a_bad_link_in_the_body_or_the_front_matter_stops_the_source_at_its_line() -> None:
    with pytest.raises(SourceError, match=r"^a\.md:7: expected a link to the web or inside the project, "):
        parse_document("---\ntitle: T\nlang: fr\n---\n\nUn\n[lien](JAVASCRIPT:x()).\n", "a.md")
    with pytest.raises(SourceError, match=r"^a\.md:3: expected a link .* \(javascript:x\(\)\)$"):
        parse_document("---\ntitle: T\nsubtitle: '[a](&#106;avascript:x())'\nlang: fr\n---\n\nUn.\n", "a.md")
