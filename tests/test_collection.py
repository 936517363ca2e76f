"""pipeline.collection: a collection's front matter, checked against the project's articles and editions."""

from __future__ import annotations

import pytest

from pipeline.collection import parse_collection
from pipeline.document import parse_document
from pipeline.errors import SourceError

ARTICLES = ("entretien", "breve", "rapport")
EDITIONS = ("exeter", "erlangen", "brno")
PATH = "source/collections/dossier.md"


def collection_text(fields: str, body: str = "Pour les délégations.\n") -> str:
    return f"---\ntitle: Dossier\nsubtitle: Pour la visite\nlang: fr\n{fields}---\n\n{body}"


def test_a_collection_keeps_its_articles_order_and_prints_in_every_edition_by_default() -> None:
    document = parse_document(collection_text("articles:\n  - rapport\n  - entretien\n"), PATH)
    collection = parse_collection(document, ARTICLES, EDITIONS)
    assert collection.name == "dossier" and collection.title == "Dossier"
    assert collection.subtitle == "Pour la visite"
    assert collection.articles == ("rapport", "entretien")
    assert collection.editions == EDITIONS and collection.holds("rapport") and not collection.holds("breve")


def test_its_editions_are_those_it_names_in_the_editions_files_order() -> None:
    document = parse_document(collection_text("articles: [breve]\neditions: [brno, exeter]\n"), PATH)
    assert parse_collection(document, ARTICLES, EDITIONS).editions == ("exeter", "brno")


@pytest.mark.parametrize(
    ("fields", "line", "expected"),
    [
        ("", 2, "expected 'articles' to be a list of article slugs, found None"),
        ("articles: entretien\n", 5, "expected 'articles' to be a list of article slugs, found 'entretien'"),
        ("articles: []\n", 5, "expected 'articles' to be a list of article slugs, found []"),
        (
            "articles: [entretien, inconnu]\n",
            5,
            "expected 'articles' to name one of entretien, breve, rapport",
        ),
        ("articles: [breve, breve]\n", 5, "expected each of 'articles' once, found breve twice"),
        (
            "articles: [breve]\neditions: [cork]\n",
            6,
            "expected 'editions' to name one of exeter, erlangen, brno",
        ),
        ("articles: [breve]\nkind: news\n", 6, "found 'kind', which its articles carry"),
    ],
)
def test_a_collection_that_breaks_the_schema_is_an_error_at_its_line(
    fields: str, line: int, expected: str
) -> None:
    document = parse_document(collection_text(fields), PATH)
    with pytest.raises(SourceError) as raised:
        parse_collection(document, ARTICLES, EDITIONS)
    assert raised.value.problem.path == PATH and raised.value.problem.line == line
    assert expected in raised.value.problem.message


def test_a_collection_may_not_take_an_articles_name_its_catalog_would_be_that_articles() -> None:
    document = parse_document(collection_text("articles: [breve]\n"), "source/collections/rapport.md")
    with pytest.raises(SourceError, match="expected a collection name no article has, found 'rapport'"):
        parse_collection(document, ARTICLES, EDITIONS)
