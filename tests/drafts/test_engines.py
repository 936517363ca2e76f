"""pipeline.drafts.engines: the engine table, keys and URLs asked for by name, pseudo-localisation,
redaction, and deep-translator's clients sending through a session of ours."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import requests

from pipeline.drafts import engines
from pipeline.drafts.engines import ENGINES, PseudoEngine, TranslateError, make_engine, redact
from pipeline.placeholders import PLACEHOLDER, protect, restore

from ..fake_libretranslate import Behaviour, fake_translation, running_server
from ..project import jumelage_argv


def test_pseudo_localisation_is_deterministic_longer_and_keeps_markup() -> None:
    source = "Un [lien](https://a.fr) et du **gras** pour la métropole de Rennes."
    protected = protect(source, [])
    first = PseudoEngine().translate(protected.text)
    assert first == PseudoEngine().translate(protected.text)
    restored = restore(first, protected)
    assert (
        restored is not None and "[lien](https://a.fr)" not in restored
    )  # the link text is pseudo-translated
    assert "](https://a.fr)" in restored and "**" in restored

    def visible(text: str) -> int:
        return len(PLACEHOLDER.sub("", text))

    assert 1.3 <= visible(first) / visible(protected.text) <= 1.45  # the readable text, markup aside


def test_an_unknown_engine_is_a_user_error() -> None:
    with pytest.raises(
        TranslateError, match="expected one of google, deepl, microsoft, mymemory, libretranslate, pseudo"
    ):
        make_engine("babelfish", "fr", "de", None)


def test_a_paid_engine_without_its_key_says_which_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DEEPL_API_KEY", raising=False)
    with pytest.raises(TranslateError, match="DEEPL_API_KEY"):
        make_engine("deepl", "fr", "de", None)


def test_libretranslate_needs_a_server_url() -> None:
    with pytest.raises(TranslateError, match="expected --url"):
        make_engine("libretranslate", "fr", "de", None)


def test_redact_hides_keys_in_text() -> None:
    environment = {"LIBRE_API_KEY": "s3cret-canary"}
    assert redact("http://h/translate?q=x&api_key=s3cret-canary failed", environment) == (
        "http://h/translate?q=x&api_key=*** failed"
    )


def test_translate_cli_reports_a_bad_engine_in_one_line(project_copy: Path) -> None:
    done = subprocess.run(
        jumelage_argv(project_copy, "translate", "--engine", "nope"),
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ},
    )
    assert done.returncode == 2
    engines = "google, deepl, microsoft, mymemory, libretranslate, pseudo"
    assert done.stderr.strip() == f"--engine: expected one of {engines}, found 'nope'"


def test_a_client_is_the_librarys_class_sending_through_the_session_it_is_given() -> None:
    from deep_translator import LibreTranslator, libre

    seen: list[tuple[str, float]] = []

    class Session:
        def post(self, url: str, timeout: float, **kwargs: object) -> object:
            seen.append((url, timeout))
            raise TimeoutError("no answer")

        get = post

    client = make_engine("libretranslate", "fr", "de", "http://127.0.0.1:9", timeout=1.5, session=Session())
    assert type(client) is LibreTranslator
    assert client.translate.__code__ is LibreTranslator.translate.__code__  # the library's own code
    with pytest.raises(TimeoutError):
        client.translate("Bonjour")
    assert seen == [("http://127.0.0.1:9/translate", 1.5)]
    assert libre.requests is requests  # the library's module is left as it was


def test_an_unchecked_deep_translator_release_is_refused_with_what_to_do(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engines, "KNOWN_DEEP_TRANSLATOR_VERSIONS", ("0.9",))
    with pytest.raises(TranslateError) as caught:
        make_engine("libretranslate", "fr", "de", "http://127.0.0.1:9/")
    assert str(caught.value).startswith("deep-translator: expected version 0.9, found 1.")
    assert "KNOWN_DEEP_TRANSLATOR_VERSIONS in pipeline/drafts/engines.py" in str(caught.value)


def test_libretranslate_learns_czech_without_changing_the_librarys_list() -> None:
    from deep_translator.constants import LIBRE_LANGUAGES_TO_CODES

    czech_before = "czech" in LIBRE_LANGUAGES_TO_CODES
    client = make_engine("libretranslate", "fr", "cs", "http://127.0.0.1:9/")
    assert client.target == "cs"  # type: ignore[attr-defined]
    assert ("czech" in LIBRE_LANGUAGES_TO_CODES) == czech_before
    assert ENGINES["libretranslate"].unlisted_codes == {"cs"}


def test_a_client_drafts_through_the_local_server() -> None:
    with running_server(Behaviour()) as url:
        client = make_engine("libretranslate", "fr", "de", url, timeout=2.0)
        assert client.translate("Bonjour {0}") == fake_translation("Bonjour {0}", "de")
