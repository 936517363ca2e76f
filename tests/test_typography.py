"""pipeline.typography: one input, one expected string, per language and rule."""

from __future__ import annotations

import pytest

from pipeline.typography import typeset

NB = "\u00a0"
NNB = "\u202f"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        # French: narrow no-break space before ; ! ? and inside « », no-break space before :
        (
            "fr",
            "C’est l’idée ! Pourquoi ? Ainsi ; enfin : voilà.",
            f"C’est l’idée{NNB}! Pourquoi{NNB}? Ainsi{NNB}; enfin{NB}: voilà.",
        ),
        ("fr", "Il dit « oui » puis «non».", f"Il dit «{NNB}oui{NNB}» puis «{NNB}non{NNB}»."),
        ("fr", 'Il dit "oui".', f"Il dit «{NNB}oui{NNB}»."),
        ("fr", "plus de 47 000 projets", f"plus de 47{NNB}000{NB}projets"),
        ("fr", "**Question :** Mais pourquoi ?", f"**Question{NB}:** Mais pourquoi{NNB}?"),
        ("fr", "à 14:30, voir https://a.fr/x?y=1 !", f"à 14:30, voir https://a.fr/x?y=1{NNB}!"),
        ("fr", "d'un projet", "d’un projet"),
        # English, German: no space before high punctuation, their own quotes
        ("en", "That’s the idea ! Why ?", "That’s the idea! Why?"),
        ("en", 'He said "yes".', "He said “yes”."),
        ("en-US", "47,000 projects", f"47,000{NB}projects"),
        ("de", 'Er sagte "ja" : gut !', "Er sagte „ja“: gut!"),
        ("de", "47.000 Projekte", f"47.000{NB}Projekte"),
        # Polish and Czech: one-letter words bound to the next word, grouped thousands
        ("pl", "w Rennes i w Poznaniu", f"w{NB}Rennes i{NB}w{NB}Poznaniu"),
        ("pl", 'Powiedział "tak".', "Powiedział „tak”."),
        ("pl", "ponad 47 000 projektów", f"ponad 47{NB}000{NB}projektów"),
        ("cs", "V Rennes a v Brně s partnery k cíli", f"V{NB}Rennes a{NB}v{NB}Brně s{NB}partnery k{NB}cíli"),
        ("cs", 'Řekl "ano".', "Řekl „ano“."),
        ("cs", "více než 47 000 projektů", f"více než 47{NB}000{NB}projektů"),
        # Everywhere: a number bound to what it counts (a year only to the word for year),
        # a small number to the word it completes, a title to the name it goes with
        ("cs", "odjel na 8 měsíců do Peru", f"odjel na 8{NB}měsíců do Peru"),
        ("pl", "Od marca 2024 roku kieruje", f"Od marca 2024{NB}roku kieruje"),
        ("pl", "w 2008 i w 2014 roku", f"w{NB}2008 i{NB}w{NB}2014{NB}roku"),
        ("en", "In 2009, during his third year", "In 2009, during his third year"),
        ("en", "Reading time: 3 min", f"Reading time: 3{NB}min"),
        ("de", "Seit März 2024 leitet er", "Seit März 2024 leitet er"),
        ("fr", "l’université de Rennes 1 et Rennes 2.", f"l’université de Rennes{NB}1 et Rennes{NB}2."),
        ("fr", "M. Letonturier et Mme Appéré", f"M.{NB}Letonturier et Mme{NB}Appéré"),
        ("en", "Mr Letonturier and Dr. Appéré", f"Mr{NB}Letonturier and Dr.{NB}Appéré"),
        ("de", "erzählt uns Herr Letonturier", f"erzählt uns Herr{NB}Letonturier"),
        ("pl", "mówi pan Letonturier", f"mówi pan{NB}Letonturier"),
        ("cs", "říká pan Letonturier", f"říká pan{NB}Letonturier"),
        ("fr", "à 14:30 et 2,5 km", f"à 14:30 et 2,5{NB}km"),
    ],
)
def test_rules(lang: str, text: str, expected: str) -> None:
    assert typeset(text, lang) == expected


@pytest.mark.parametrize("lang", ["fr", "en", "de", "pl", "cs"])
def test_typesetting_twice_equals_once(lang: str) -> None:
    text = 'Un "mot" : voir [le site](https://a.fr) ! Et v Brně a w Poznaniu, 47 000 fois ?'
    once = typeset(text, lang, ["Simon Letonturier"])
    assert typeset(once, lang, ["Simon Letonturier"]) == once


def test_markup_code_and_urls_are_never_touched() -> None:
    text = 'Voir `a : b` et [ici](https://a.fr/?q=1&r=2 "titre : x") ou <https://b.fr/x!>'
    result = typeset(text, "fr")
    assert (
        "`a : b`" in result
        and '(https://a.fr/?q=1&r=2 "titre : x")' in result
        and "<https://b.fr/x!>" in result
    )


def test_names_are_marked_even_when_declined() -> None:
    result = typeset("rozmowa z Simonem Letonturierem", "pl", ["Simon Letonturier"])
    assert result == f"rozmowa z{NB}[Simonem Letonturierem]{{.name}}"
    assert typeset(result, "pl", ["Simon Letonturier"]) == result


@pytest.mark.parametrize(
    ("title", "lang", "expected"),
    [
        ("Simon Letonturier stellt die Abteilung vor", "de", "Abteilung\u00a0vor"),
        ("Le service international est ici", "fr", "est\u00a0ici"),
        ("What the service does now", "en", "does\u00a0now"),
        ("Simon Letonturier présente le service international", "fr", "service\u00a0international"),
        ("Internationale Beziehungen", "de", "Internationale Beziehungen"),
        ("Rennes a Poznań", "pl", "a\u00a0Poznań"),
    ],
)
def test_a_title_s_last_word_is_bound_to_the_one_before(title: str, lang: str, expected: str) -> None:
    balanced = typeset(title, lang, title=True)
    assert balanced.endswith(expected)
    assert typeset(balanced, lang, title=True) == balanced  # twice equals once


def test_a_title_with_markup_is_balanced_on_its_text() -> None:
    assert typeset("Ein *kleiner* Titel für dich", "de", title=True) == "Ein *kleiner* Titel für\u00a0dich"


def test_only_the_title_field_is_balanced() -> None:
    from pipeline.typography import typeset_document

    meta, _ = typeset_document(
        {"title": "Die Abteilung stellt sich vor", "lead": "Sie stellt sich vor", "lang": "de"},
        "Text.\n",
        "a.md",
        (),
    )
    assert meta["title"].endswith("sich\u00a0vor") and meta["lead"] == "Sie stellt sich vor"
