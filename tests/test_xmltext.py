"""Agencies' XML read safely, each refusal at the file; written XML the same bytes everywhere."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

import pytest

from pipeline.errors import JumelageError
from pipeline.xmltext import read_xml, xml_bytes


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<tmx><body>", "a.tmx:1: expected TMX (XML), found malformed XML"),
        (b'<!DOCTYPE x [<!ENTITY a "b">]><tmx>&a;</tmx>', "a.tmx: expected plain TMX, found"),
    ],
)
def test_malformed_xml_and_entities_are_refused_at_the_file(data: bytes, expected: str) -> None:
    with pytest.raises(JumelageError) as caught:
        read_xml(data, "a.tmx", "TMX", JumelageError)
    assert str(caught.value).startswith(expected)


def test_written_xml_has_one_double_quoted_declaration_and_a_final_newline() -> None:
    root = ElementTree.Element("tbx")
    ElementTree.SubElement(root, "p").text = "Brno"
    assert xml_bytes(root) == b'<?xml version="1.0" encoding="UTF-8"?>\n<tbx><p>Brno</p></tbx>\n'
