"""Story grouping on the real-text grouping set (eval/grouping-real): B-cubed and whole-and-alone
stories on its tune part, its held-out part and the whole set, as articles and as headlines.

    python eval/batch_grouping_real.py --name after [--corpora ../shared/corpora]

The set's labels (eval/grouping-real/labels.tsv) give each article its story and its part. The real
articles are read in place from `--corpora` (they are not the project's and are never copied); when
that folder is missing, the set is measured without them and the results say so.

Feeds, each grouped on its own at the default GroupSettings (the checker's, or the one this run names):
- tune, heldout: the articles of one part (settings may be chosen on tune, never on heldout);
- all: both parts in one feed (stories of both parts share topics: storms and earthquakes, trials,
  air defence);
- tune headlines, heldout headlines: the same articles reduced to their titles (an untitled one to
  its first sentence), as a feed of headlines would carry them.

For each: groups found, stories whole and alone (one group holding exactly the story's articles),
and B-cubed precision, recall and F1. Groups mixing stories are printed (stdout only).

Results are kept per `--name` in eval/results/batch-grouping-real.json (and .md): run the script of
this commit with an earlier checker first on PYTHONPATH for "before".
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SET = ROOT / "eval" / "grouping-real"
RESULTS = ROOT / "eval" / "results" / "batch-grouping-real"
FEEDS = ("tune", "heldout", "all", "tune headlines", "heldout headlines")


def read_labels(corpora: Path) -> tuple[list[tuple[Path, str, str]], list[str]]:
    """(path, story, part) of every article of the set that can be read, and the labelled paths missing."""
    rows, missing = [], []
    for line in (SET / "labels.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        where, rel, story, part = line.split("\t")
        path = (corpora if where == "corpus" else SET / "articles") / rel
        if path.is_file():
            rows.append((path, story, part))
        else:
            missing.append(f"{where}:{rel}")
    return rows, missing


def main() -> None:
    import torch

    from checker.batch.feed import FeedArticle, read_feed
    from checker.batch.run import find_stories
    from checker.batch.stories import GroupSettings
    from checker.config import Config
    from checker.evaluation.clustering import grouping_scores, grouping_table
    from checker.evaluation.record import provenance, write_result
    from checker.pairing import Embedder
    from checker.segment import segment
    from checker.types import Article

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--name", required=True, help="the column these results go under, e.g. before / after")
    ap.add_argument("--corpora", default=str(ROOT.parent / "shared" / "corpora"),
                    help="the folder holding the real corpus (patriot-missiles/), read in place")
    ap.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE",
                    help="a GroupSettings field for this run (repeatable), e.g. --set threshold=1.1")
    a = ap.parse_args()
    torch.set_num_threads(1)

    rows, missing = read_labels(Path(a.corpora))
    if not rows:
        sys.exit("error: no article of eval/grouping-real could be read")
    if missing:
        print(f"warning: {len(missing)} labelled articles not found (measured without them): {missing[:3]}...",
              file=sys.stderr)
    overrides = {}
    for item in a.set:
        field, _, value = item.partition("=")
        current = getattr(GroupSettings(), field, None)
        if current is None or not value:
            sys.exit(f"error: --set {item}: not a GroupSettings field with a value")
        overrides[field] = type(current)(value)
    settings = GroupSettings(**overrides)

    config = Config()
    embedder = Embedder.load(config.embed_model, "cpu", progress=False)
    story_of = {str(path): story for path, story, _ in rows}
    part_of = {str(path): part for path, _, part in rows}
    full = read_feed([str(path) for path, _, _ in rows], warn=lambda m: print("  ingest:", m, file=sys.stderr))

    def headlines(feed):
        out = []
        for item in feed:
            x = item.article
            title = x.title if not x.title.startswith("Untitled: ") else segment(x, config)[0].text
            out.append(FeedArticle(Article(id=x.id, title=title, text=title, path=x.path, date=x.date)))
        return out

    parts = {part: [f for f in full if part_of[str(f.article.path)] == part] for part in ("tune", "heldout")}
    feeds = {"tune": parts["tune"], "heldout": parts["heldout"], "all": full,
             "tune headlines": headlines(parts["tune"]), "heldout headlines": headlines(parts["heldout"])}

    results = {}
    for name, feed in feeds.items():
        articles = [f.article for f in feed]
        sentences = {x.id: segment(x, config) for x in articles}
        stories = find_stories(feed, articles, sentences, embedder, settings)
        truth = {x.id: story_of[str(x.path)] for x in articles}
        groups = [set(s.article_ids) for s in stories]
        results[name] = grouping_scores(groups, truth)
        print(name, results[name], flush=True)
        where = {x.id: Path(x.path).name for x in articles}
        for group in groups:
            if len({truth[i] for i in group}) > 1:
                print("   mixes:", sorted(where[i] for i in group))
        members_of: dict[str, set[str]] = {}
        for article_id, story in truth.items():
            members_of.setdefault(story, set()).add(article_id)
        for story, members in members_of.items():
            if members not in groups and not any(members < g for g in groups):
                print(f"   splits {story}:", [sorted(where[i] for i in g & members) for g in groups if g & members])

    path = RESULTS.with_suffix(".json")
    doc = json.loads(path.read_text()) if path.exists() else {}
    doc.pop("provenance", None)  # the last run's, written anew below
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    doc[a.name] = {"script_commit": commit, "settings": dict(settings.__dict__),
                   "real_articles_missing": len(missing), "feeds": results}
    lines = ["# Story grouping on the real-text grouping set", "",
             "`python eval/batch_grouping_real.py --name NAME [--corpora DIR] [--set FIELD=VALUE]` (eval/grouping-real: "
             "47 articles in 15 stories, 5 of them real, read in place). *tune* is the part grouping settings were "
             "chosen on; *heldout* was measured with those settings and never used to choose them. Bundled embedder.", ""]
    lines += grouping_table(doc, list(FEEDS))
    write_result(path, doc, provenance("python eval/batch_grouping_real.py " + " ".join(sys.argv[1:]),
                                       models={"embedder": config.embed_model}), markdown="\n".join(lines))


if __name__ == "__main__":
    main()
