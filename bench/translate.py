"""make bench-translate: our drafting run beside deep-translator's own translate_batch.

400 messages × 4 languages against the LibreTranslate-compatible test server
on 127.0.0.1, 50 ms latency a request. Prints one table of medians (wall
time), the ratio, and the requests a second run makes (it should make none).
Not a test: nothing here asserts a duration.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from babel.messages.catalog import Catalog
from deep_translator import LibreTranslator

from pipeline.drafts.engines import Engine, make_engine
from pipeline.drafts.glossary import Glossary
from pipeline.drafts.memory import TranslationMemory
from pipeline.drafts.policy import DraftOptions, draft_language
from pipeline.drafts.runner import EngineGuard, open_session
from tests.fake_libretranslate import Behaviour, running_server

LANGUAGES = ("en", "de", "pl", "cs")


def messages(count: int) -> list[str]:
    return [
        f"Le **service** numéro {index} travaille avec [les villes jumelles](https://example.org/{index})."
        for index in range(count)
    ]


def run(catalog: Catalog, lang: str, options: DraftOptions, guard: EngineGuard, session: object) -> int:
    """One drafting run over one catalog, through the run's session as `jumelage translate` does;
    the number of requests it made."""
    engine: Engine = make_engine("libretranslate", "fr", lang, options.url, options.timeout, session)
    memory, glossary = TranslationMemory(), Glossary()
    return draft_language(
        {"bench": catalog}, lang, engine, memory, glossary, options, lambda slug: None, guard=guard
    ).requests


def ours(url: str, texts: list[str], workers: int) -> tuple[float, int, int]:
    """Every language with fresh catalogs, then a second run: (seconds, requests, second-run requests)."""
    catalogs = {}
    for lang in LANGUAGES:
        catalogs[lang] = Catalog(locale=lang)
        for text in texts:
            catalogs[lang].add(text)
    options = DraftOptions(engine="libretranslate", url=url, workers=workers)
    guard = EngineGuard.for_run(options)
    session = open_session(options, guard)
    started = time.perf_counter()
    requests = sum(run(catalogs[lang], lang, options, guard, session) for lang in LANGUAGES)
    elapsed = time.perf_counter() - started
    again = sum(run(catalogs[lang], lang, options, guard, session) for lang in LANGUAGES)
    return elapsed, requests, again


def baseline(url: str, texts: list[str]) -> float:
    """deep-translator's own batch call, one language after the other."""
    started = time.perf_counter()
    for lang in LANGUAGES:
        # Our client is deep-translator's LibreTranslator with a timeout and Czech
        # (which its list lacks), plain requests underneath; translate_batch is deep-translator's own loop.
        client = make_engine("libretranslate", "fr", lang, url)
        assert isinstance(client, LibreTranslator)
        client.translate_batch(texts)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=400)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    texts = messages(args.messages)
    ours_times, base_times, requests, again = [], [], 0, 0
    with running_server(Behaviour(latency=args.latency)) as url:
        for _ in range(args.repeat):
            elapsed, requests, again = ours(url, texts, args.workers)
            ours_times.append(elapsed)
            base_times.append(baseline(url, texts))
    ours_median, base_median = statistics.median(ours_times), statistics.median(base_times)
    total = args.messages * len(LANGUAGES)
    print(
        f"{total} messages ({args.messages} × {len(LANGUAGES)} languages), "
        f"{args.latency * 1000:.0f} ms latency a request, median of {args.repeat} runs"
    )
    row = "{:<46} {:>9} {:>7} {:>9}"
    print(row.format("run", "median s", "msg/s", "speed-up"))
    for name, seconds in (
        ("deep-translator translate_batch (sequential)", base_median),
        (f"jumelage translate ({args.workers} requests at once)", ours_median),
    ):
        print(row.format(name, f"{seconds:.2f}", f"{total / seconds:.1f}", f"{base_median / seconds:.2f}×"))
    print(f"requests: first run {requests}, second run {again}")


if __name__ == "__main__":
    main()
