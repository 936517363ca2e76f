"""pipeline.press.editions: the editions file, and each edition's words."""

from __future__ import annotations

import pytest

from pipeline.press.editions import EditionError, parse_editions

from ..project import ROOT


def test_the_six_partner_cities_are_configured_with_their_facts() -> None:
    config = parse_editions((ROOT / "source" / "editions.yml").read_text(encoding="utf-8"), "editions.yml")
    facts = {(e.key, e.city, e.language, e.twinned, e.paper.name) for e in config.editions}
    assert facts == {
        ("exeter", "Exeter", "en-GB", 1956, "A5"),
        ("rochester", "Rochester, NY", "en-US", 1958, "half-letter"),
        ("erlangen", "Erlangen", "de-DE", 1964, "A5"),
        ("brno", "Brno", "cs-CZ", 1965, "A5"),
        ("cork", "Cork", "en-IE", 1982, "A5"),
        ("poznan", "Poznań", "pl-PL", 1998, "A5"),
    }
    countries = {edition.key: edition.country() for edition in config.editions}
    assert countries == {
        "exeter": "United Kingdom",
        "rochester": "United States",
        "erlangen": "Deutschland",
        "brno": "Česko",
        "cork": "Ireland",
        "poznan": "Polska",
    }


GOOD = "site-url: https://a.example/\neditions:\n  x:\n    city: X\n    territory: DE\n    language: de-DE\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            GOOD + "    twinned: 1964\n    paper: A3\n",
            "e.yml:3: expected paper A5 or half-letter, found 'A3'",
        ),
        (GOOD + "    twinned: 1964\n", "e.yml:3: expected a field 'paper' in edition 'x', found none"),
        (
            GOOD.replace("DE\n", "Germany\n", 1) + "    twinned: 1964\n    paper: A5\n",
            "e.yml:3: expected a CLDR territory",
        ),
        (
            GOOD + "    twinned: soon\n    paper: A5\n",
            "e.yml:3: expected the year of twinning (or 'TO CONFIRM: year of twinning'), found 'soon'",
        ),
        (
            GOOD.replace("https://a.example/", "ftp://x"),
            "e.yml:1: expected an http(s) address, found 'ftp://x'",
        ),
        (  # the alias bomb: nine lines that would expand into 10⁹ strings
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"{b}: &{b} [{', '.join(f'*{a}' for _ in range(10))}]\n"
                for a, b in zip("abcdefgh", "bcdefghi", strict=True)
            )
            + GOOD.replace("city: X", "city: *i")
            + "    twinned: 1964\n    paper: A5\n",
            "e.yml:1: expected YAML without anchors or aliases, found the anchor &a",
        ),
        (
            GOOD.replace("city: X", "city: [X, Y]") + "    twinned: 1964\n    paper: A5\n",
            "e.yml:3: expected the city of edition 'x' as text, found ['X', 'Y']",
        ),
        (
            GOOD.replace("language: de-DE", "language: 49") + "    twinned: 1964\n    paper: A5\n",
            "e.yml:3: expected the language of edition 'x' as text, found 49",
        ),
    ],
)
def test_a_bad_editions_file_names_the_line(text: str, message: str) -> None:
    with pytest.raises(EditionError) as caught:
        parse_editions(text, "e.yml")
    assert str(caught.value).startswith(message)


def test_the_placeholders_of_the_editions_file_are_found_with_their_lines() -> None:
    from pipeline.press.editions import load_editions

    path = ROOT / "source" / "editions.yml"
    config = load_editions(path, "source/editions.yml")
    lines = path.read_text(encoding="utf-8").splitlines()
    found = {placeholder.field: placeholder.line for placeholder in config.placeholders}
    assert set(found) == {"site-url", "publisher.address", "publisher.email", "publisher.printer"}
    for field, line in found.items():
        assert line is not None
        assert lines[line - 1].lstrip().startswith(field.split(".")[-1] + ":")
        assert "TO CONFIRM:" in lines[line - 1]
    # The provisional address still serves the links and QR codes meanwhile.
    assert config.site_url == "https://jumelage.example.org/"
    assert not config.site_url_confirmed
    assert config.publisher.name.confirmed and config.publisher.name.text == "Rennes Métropole"


def test_a_year_of_twinning_still_to_confirm_is_a_placeholder_on_its_line() -> None:
    text = GOOD + '    twinned: "TO CONFIRM: year of twinning"\n    paper: A5\npublisher:\n'
    text += "".join(f"  {name}: {name}\n" for name in ("name", "department", "address", "email", "printer"))
    config = parse_editions(text, "e.yml")
    assert config.editions[0].twinned is None
    assert [(p.line, p.field, p.note) for p in config.placeholders] == [(7, "x.twinned", "year of twinning")]


def test_a_publisher_field_left_out_names_its_line() -> None:
    text = GOOD + "    twinned: 1964\n    paper: A5\npublisher:\n  name: R\n"
    with pytest.raises(EditionError, match=r"^e\.yml:9: expected the publisher's department"):
        parse_editions(text, "e.yml")
