"""Story grouping with names compared through the alias table: three feeds, B-cubed and whole-and-alone.

    python eval/batch_grouping_names.py --name after [--real ../shared/corpora/patriot-missiles]

Feeds, each with the story of every article known (its folder):
- mixed: the gold stories (eval/gold), the demo (checker/demo/articles) and the real corpus, as in
  eval/batch_grouping.py;
- mixed + capitals: the same plus two articles written for the tests in the style of other outlets
  (tests/fixtures/batch/capitals) on the real corpus's story, calling the countries "Tokyo" and
  "Washington" and leaving out the word "Patriot";
- headlines: the articles of "mixed + capitals" reduced to their titles (an untitled one to its first
  sentence), as a feed of headlines would be, plus fifteen made-up headlines of fifteen other events
  (tests/fixtures/batch/unrelated-headlines.txt), most with a country, its capital or its demonym as
  their only name: sharing "US" or "Japan" must not make one story of them.

For each, at the default GroupSettings: groups found, stories whole and alone (one group holding
exactly the story's articles), and B-cubed precision, recall and F1 (per article: the share of its
group that is its story, the share of its story that is its group; averaged).

Results are kept per `--name` in eval/results/batch-grouping-names.json (and .md), so one run of
the code before a change and one after sit side by side: run the script of this commit with the
earlier checker first on PYTHONPATH for "before".
"""
from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "eval" / "results" / "batch-grouping-names"


def main() -> None:
    import torch

    from checker.batch.feed import FeedArticle, read_feed
    from checker.batch.run import find_stories
    from checker.batch.stories import GroupSettings
    from checker.config import Config
    from checker.evaluation.clustering import grouping_scores, grouping_table
    from checker.pairing import Embedder
    from checker.segment import segment
    from checker.types import Article

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--name", required=True, help="the column these results go under, e.g. before / after")
    ap.add_argument("--real", default=str(ROOT.parent / "shared" / "corpora" / "patriot-missiles"))
    ap.add_argument("--country-weight", type=float, default=None,
                    help="GroupSettings.country_weight for this run (default: the checker's own default)")
    a = ap.parse_args()
    torch.set_num_threads(1)
    folders = sorted((ROOT / "eval" / "gold").glob("*/")) + [ROOT / "checker" / "demo" / "articles"]
    if Path(a.real).is_dir():
        folders.append(Path(a.real))
    mixed = [f for folder in folders for f in sorted(folder.glob("*.txt"))]
    capitals = sorted((ROOT / "tests" / "fixtures" / "batch" / "capitals").glob("*.txt"))
    real_story = Path(a.real).name

    def story_of(path: str) -> str:
        if ":" in path:  # one line of the unrelated headlines: a story of its own
            return path
        return real_story if "capitals" in Path(path).parts else Path(path).parent.name

    config = Config()
    embedder = Embedder.load(config.embed_model, "cpu", progress=False)
    full = read_feed([str(f) for f in mixed + capitals], warn=lambda m: None)
    headlines = []
    for item in full:
        x = item.article
        title = x.title if not x.title.startswith("Untitled: ") else segment(x, config)[0].text
        headlines.append(FeedArticle(Article(id=x.id, title=title, text=title, path=x.path)))
    unrelated_file = ROOT / "tests" / "fixtures" / "batch" / "unrelated-headlines.txt"
    unrelated = [FeedArticle(Article(id=f"h{i:02d}", title=line, text=line, path=f"{unrelated_file.name}:{i}"))
                 for i, line in enumerate(unrelated_file.read_text(encoding="utf-8").splitlines(), start=1)]
    feeds = {"mixed": [f for f in full if "capitals" not in Path(f.article.path).parts],
             "mixed + capitals": full, "headlines": headlines + unrelated}

    settings = GroupSettings() if a.country_weight is None else GroupSettings(country_weight=a.country_weight)
    rows = {}
    for name, feed in feeds.items():
        articles = [f.article for f in feed]
        sentences = {x.id: segment(x, config) for x in articles}
        stories = find_stories(feed, articles, sentences, embedder, settings)
        truth = {x.id: story_of(x.path) for x in articles}
        groups = [set(s.article_ids) for s in stories]
        rows[name] = grouping_scores(groups, truth)
        print(name, rows[name], flush=True)
        where = {x.id: Path(x.path).name for x in articles}
        for group in groups:  # groups mixing stories, by file (line) name: on stdout only
            if len({truth[i] for i in group}) > 1:
                print("   mixes:", sorted(where[i] for i in group))

    path = RESULTS.with_suffix(".json")
    doc = json.loads(path.read_text()) if path.exists() else {}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    doc[a.name] = {"script_commit": commit, "settings": settings.__dict__, "feeds": rows}
    path.write_text(json.dumps(doc, indent=2) + "\n")
    lines = ["# Story grouping: names through the alias table", "",
             "`python eval/batch_grouping_names.py --name NAME [--country-weight W]` (see its docstring for "
             "the feeds). Default GroupSettings unless the run names a country weight; bundled embedder; "
             "the feeds are the ones the weight was chosen on (no held-out set).", ""]
    lines += grouping_table(doc, list(feeds))
    RESULTS.with_suffix(".md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
