"""Cheap gates before extraction: pages that cannot hold an event are stored, counted, not extracted.

A crawl is mostly pages about something else: sport, prices, weather, pages in other languages. Two
tests that cost a fraction of extraction decide that a clean article cannot yield an event:

- ``language``: the article is neither Arabic nor English (``clean`` states or detects it); the
  lexicons read only those two, so extraction would find nothing it could trust;
- ``keyword``: no trigger of any event type matches anywhere in the article or its headline, and no attributed
  statement (claim) is found in it. Both are the extractor's own tests run once over the whole folded
  text (its gate words, then each trigger pattern at them; the claim patterns at verbs of saying), so
  an article it stops could have given neither an event nor a claim: a statement in a diplomatic row
  ("the ministry denied that…") is kept even when no alliance event is reported. What is skipped is
  the knowledge-base matching, dating and context of the lead, and the linking and storing of its
  actor mentions.

A gated article is still stored (searchable, counted, de-duplicated); its extraction is empty and says
why in ``Extraction.gate``, so the ingest report and the run manifest count it. Its actor mentions are
not extracted: set ``ALLIANCEMAP_NO_GATES=1`` to extract every article in full.
"""

from __future__ import annotations

import os

from alliancemap.model import Article, Extraction

GATES = ("language", "keyword")
NO_GATES = "ALLIANCEMAP_NO_GATES"
"""Environment switch: any non-empty value other than "0" turns the gates off (full extraction)."""


def gates_on() -> bool:
    return os.environ.get(NO_GATES, "") in ("", "0")


def gate(article: Article) -> str | None:
    """The gate that stops this article ("language" or "keyword"), or None when it goes to extraction."""
    return _gate(article)[0]


def _gate(article: Article) -> tuple[str | None, tuple]:
    """(the gate, the folded text and its tokens when they were made: extraction reuses them)."""
    if article.lang not in ("ar", "en"):
        return "language", (None, None)
    from alliancemap.extract.claims import find_claims
    from alliancemap.text.normalize import normalize
    from alliancemap.text.words import Tokens

    norm = normalize(article.text)  # folded and split once for both tests, and for extraction
    tokens = Tokens(norm.text)
    if has_trigger(norm.text, tokens) or find_claims(article, norm, tokens) \
            or (article.title and has_trigger(normalize(article.title).text)):  # an event only the headline tells
        return None, (norm, tokens)
    return "keyword", (None, None)


def has_trigger(folded: str, tokens=None) -> bool:
    """Whether a trigger of some event type matches in ``folded`` (``normalize``d text): the extractor's own
    ``Lexicon.trigger_matches`` at the gate words (only the triggers that can begin with each word)."""
    from alliancemap.extract.lexicon import load_lexicon

    lex = load_lexicon()
    return bool(lex.trigger_matches(folded, lex.gate.positions(folded, tokens)))


def extract_gated(article: Article, kb=None) -> Extraction:
    """``extract_article``, unless a gate stops the article: then an empty extraction naming the gate."""
    from alliancemap.extract import extract_article

    reason, (norm, tokens) = _gate(article) if gates_on() else (None, (None, None))
    if reason is not None:
        return Extraction(article_id=article.article_id, gate=reason)
    return extract_article(article, kb, norm=norm, tokens=tokens)
