"""Story grouping on a mixed feed: the gold stories (eval/gold) (eval/gold), the demo (checker/demo/articles)
and the real corpus (../shared/corpora/patriot-missiles), read as one feed.

    python eval/batch_grouping.py [--real ../shared/corpora/patriot-missiles]

Reports, for the lead embedding (title + first three sentences, what `checker batch` uses) and for
the mean of all sentence embeddings: the lowest cosine between two articles of one story and the
highest between articles of different stories; then, for a range of `--story-threshold` values with
the default name and date weights, how many stories come out whole and alone.
Writes eval/results/batch-grouping.json and .md.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

from checker.evaluation.markdown import table
from checker.evaluation.record import provenance, write_result

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    from checker.batch.feed import read_feed
    from checker.batch.run import find_stories
    from checker.batch.stories import GroupSettings, lead_text
    from checker.config import Config
    from checker.pairing import Embedder
    from checker.segment import segment

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--real", default=str(ROOT.parent / "shared" / "corpora" / "patriot-missiles"))
    a = ap.parse_args()
    folders = sorted((ROOT / "eval" / "gold").glob("*/")) + [ROOT / "checker" / "demo" / "articles"]
    if Path(a.real).is_dir():
        folders.append(Path(a.real))
    files = [f for folder in folders for f in sorted(folder.glob("*.txt"))]
    feed = read_feed([str(f) for f in files], warn=lambda m: None)
    truth = [Path(f.article.path).parent.name for f in feed]
    config = Config()
    articles = [f.article for f in feed]
    sentences = {x.id: segment(x, config) for x in articles}
    embedder = Embedder.load(config.embed_model, "cpu", progress=False)

    leads = embedder.encode([lead_text(x.title, [s.text for s in sentences[x.id]]) for x in articles])
    means = []
    for x in articles:
        m = embedder.encode([s.text for s in sentences[x.id]]).mean(axis=0)
        means.append(m / np.linalg.norm(m))
    t = np.array(truth)
    same = (t[:, None] == t[None, :]) & ~np.eye(len(t), dtype=bool)
    diff = t[:, None] != t[None, :]
    margins = {}
    for name, vectors in (("lead", leads), ("mean of sentences", np.array(means))):
        sims = vectors @ vectors.T
        margins[name] = {"lowest_within_story": round(float(sims[same].min()), 3),
                         "highest_between_stories": round(float(sims[diff].max()), 3)}

    class Cached:
        def encode(self, texts):
            return leads

    expected = {}
    for i, story in enumerate(truth):
        expected.setdefault(story, set()).add(articles[i].id)
    sweep = []
    for threshold in (0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9):
        stories = find_stories(feed, articles, sentences, Cached(), replace(GroupSettings(), threshold=threshold))
        found = [set(s.article_ids) for s in stories]
        sweep.append({"threshold": threshold, "groups": len(stories),
                      "whole_and_alone": sum(1 for g in expected.values() if g in found)})
    doc = {"articles": len(articles), "stories": len(expected), "folders": [str(f.relative_to(ROOT)) if f.is_relative_to(ROOT)
                                                                            else f.name for f in folders],
           "default_settings": GroupSettings().__dict__, "cosine": margins, "threshold_sweep": sweep}
    out = ROOT / "eval" / "results" / "batch-grouping.json"
    write_result(out, doc, provenance("python eval/batch_grouping.py " + " ".join(sys.argv[1:]),
                                      models={"embedder": config.embed_model}))
    lines = [f"# Story grouping on a mixed feed ({len(articles)} articles, {len(expected)} stories)", "",
             "Feed: the gold stories (eval/gold), the demo and the real corpus (patriot-missiles), read together.", ""]
    lines += table(["article embedding", "lowest cosine inside a story", "highest cosine between stories"],
                   [[k, v['lowest_within_story'], v['highest_between_stories']] for k, v in margins.items()], align="lrr")
    g = GroupSettings()
    lines += ["", f"Whole-and-alone stories by `--story-threshold` (the two-stage grouping of checker/batch/stories.py: "
                  f"candidates from cosine {g.candidate_similarity}, names weight {g.names_weight}, links refused under "
                  f"{g.min_shared_names} units of shared names; default threshold {g.threshold}):", ""]
    lines += table(["threshold", "groups found", "stories whole and alone"],
                   [[r['threshold'], r['groups'], f"{r['whole_and_alone']}/{len(expected)}"] for r in sweep], align="rrr")
    lines += ["", "Produced by: `python eval/batch_grouping.py`"]
    out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print(out.with_suffix(".md"))


if __name__ == "__main__":
    main()
