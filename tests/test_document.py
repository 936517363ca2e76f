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


# The report of issue 22: three notes, two of them continued on an indented line.
NOTED = """\
Le service compte douze agents[^1] et participe à des programmes européens[^2].

Voir le rapport du service[^3].

[^1]: Chiffre établi au 1^er^ janvier
    2025.
[^2]: Programme Erasmus+ et
    Europe créative.
[^3]: Les données sont publiques.
"""


def test_each_note_is_a_message_of_its_own_its_references_kept_in_the_text() -> None:
    assert kinds_and_texts(FRONT + NOTED)[2:] == [
        ("paragraph", "Le service compte douze agents[^1] et participe à des programmes européens[^2]."),
        ("paragraph", "Voir le rapport du service[^3]."),
        ("footnote", "Chiffre établi au 1^er^ janvier 2025."),
        ("footnote", "Programme Erasmus+ et Europe créative."),
        ("footnote", "Les données sont publiques."),
    ]


def test_a_translated_note_replaces_its_definition_and_keeps_its_label() -> None:
    document = parse_document(FRONT + NOTED, "a.md")
    body = document.rebuild(
        {
            "Programme Erasmus+ et Europe créative.": "Erasmus+ and Creative Europe.",
            "Voir le rapport du service[^3].": "See the report[^3].",
        }
    )
    assert "[^2]: Erasmus+ and Creative Europe.\n[^3]: Les données sont publiques." in body
    assert "See the report[^3]." in body and "Europe créative" not in body


def test_a_table_caption_is_a_message_without_its_colon() -> None:
    document = parse_document(FRONT + "| a |\n|--:|\n| 1 |\n\n: Les *projets* de 2024\n", "a.md")
    assert [(s.kind, s.text) for s in document.segments][-1] == ("table caption", "Les *projets* de 2024")
    assert document.rebuild({"Les *projets* de 2024": "The 2024 *projects*"}).endswith(
        ": The 2024 *projects*\n"
    )


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ("Un ~~mot~~ barré.\n", 5, "a strikeout (~~…~~) is not supported"),
        ("Un mot^[en ligne].\n", 5, "an inline note (^[…]) is not supported"),
        ("- [ ] une tâche\n", 5, "a task list item ([ ] or [x]) is not supported"),
        ("## Un titre {#ancre}\n", 5, "attributes ({#ancre}) are not supported"),
        ("Un [lien](https://a.fr){.bouton}.\n", 5, "attributes ({.bouton}) are not supported"),
        (
            "Texte.\n\n    du code\n",
            7,
            "a code block (a line indented by four spaces or more) is not supported",
        ),
        (
            "Terme\n: sa définition\n",
            5,
            "a definition list (a line opening with ': ' after a term) is not supported",
        ),
        (
            "::: encadre\nUn.\n:::\n",
            5,
            "a fenced div '::: encadre' is not supported: expected one of question",
        ),
        ("Un mot[^1].\n", 5, "expected a definition '[^1]: …' of note [^1], found none"),
        ("Un mot.\n\n[^1]: Une note.\n", 7, "expected a reference [^1] to this note, found none"),
        ("Un[^1], deux[^1].\n\n[^1]: Une note.\n", 5, "expected one reference to note [^1], found a second"),
        ("Un[^1].\n\n[^1]: Une.\n[^1]: Deux.\n", 8, "expected one definition of note [^1], found a second"),
    ],
)
def test_a_construct_the_pipeline_does_not_carry_is_refused_at_its_line(
    body: str, line: int, message: str
) -> None:
    with pytest.raises(SourceError) as error:
        parse_document(FRONT.replace("lead: Un chapeau.\n", "") + body, "source/a.md")
    assert str(error.value).startswith(f"source/a.md:{line}: {message}")


def test_the_accepted_constructs_are_read_without_complaint() -> None:
    body = (
        "Le 1^er^ janvier, H~2~O, un [mot]{lang=en} et `x`.\n\n3. trois\n4. quatre\n    - imbriqué\n\n"
        "> Une citation.\n>\n> — Son auteur\n\n---\n\nLigne.\n"
    )
    kinds = [kind for kind, _ in kinds_and_texts(FRONT + body)]
    assert kinds[2:] == [
        "paragraph",
        "list item",
        "list item",
        "list item",
        "block quote",
        "block quote",
        "paragraph",
    ]
