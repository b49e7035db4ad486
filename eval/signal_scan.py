"""Every model-free mismatch and two-event verdict the signal rules give on every cross-article
sentence pair of a corpus, without the models (no similarity gate): to see what a change to the
rules does on real text before running the full checker.

    python eval/signal_scan.py ../shared/corpora/patriot-missiles > scan.txt

Prints one line per mismatch (kind | reason, then both sentences) and per two-event verdict, and the
count by kind on stderr. Compare two versions of the rules by running it from each checkout and
diffing the lines without the sentences.

Not for: verdicts (the NLI model and the similarity gate are left out; `checker report` gives those).
"""
from __future__ import annotations

import collections
import itertools
import sys

from checker.config import Config
from checker.ingest import load_articles
from checker.segment import segment_all
from checker.signals import SignalExtractor


def main(paths: list[str]) -> None:
    articles = load_articles(paths)
    sentences = segment_all(articles, Config())
    by_id = {a.id: a for a in articles}
    extractor = SignalExtractor(use_spacy=False)
    counts: collections.Counter[str] = collections.Counter()
    for s, t in itertools.combinations(sentences, 2):
        if s.article_id == t.article_id:
            continue
        signals = extractor.compare_texts(s.text, t.text, by_id[s.article_id].date, by_id[t.article_id].date)
        for m in signals.mismatches:
            counts[m.kind] += 1
            print(m.kind, "|", m.reason[:150])
            print("   A:", s.text[:160])
            print("   B:", t.text[:160])
        reason = str(signals.not_comparable_reason or "")
        if "two different events" in reason:
            counts["two events"] += 1
            print("TWO-EVENTS |", reason[:160])
    print(dict(counts), file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
