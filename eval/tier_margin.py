"""Issue 22 point 5: how far above its bar an NLI-only conflict must be to be shown as a conflict
rather than as "worth a look" (Config.nli_only_review_margin).

    python eval/tier_margin.py [--gold eval/gold] [--demo checker/demo]
                               [--corpus ../shared/corpora/patriot-missiles]

Scores the tuning set, the demo and the real corpus once (default pipeline), then re-decides the same
scores with each margin and prints recall and precision on the tuning set and the demo, conflicts
and review items on the corpus, and every NLI-only conflict of the tuning set with how far it is above
its bar and what gold says of it (no corpus text). Criterion: the widest margin that keeps the
tuning set's recall (no found gold conflict moved to the review list).
"""
from __future__ import annotations

import argparse
from dataclasses import replace

MARGINS = (0.0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default="eval/gold")
    ap.add_argument("--demo", default="checker/demo")
    ap.add_argument("--corpus", default="../shared/corpora/patriot-missiles")
    args = ap.parse_args(argv)

    from checker.api import Models, decide, score
    from checker.config import Config
    from checker.evaluation.gold import combine_scores, finding_matches, load_gold, score_report
    from checker.ingest import load_articles

    config = Config(device="cpu", progress=False)
    models = Models.load(config)
    quiet = lambda m: None  # noqa: E731
    sets = {name: [(score(load_articles([str(p) for p in st.article_files], warn=quiet), config, models), st)
                   for st in load_gold(folder).stories] for name, folder in (("tuning", args.gold), ("demo", args.demo))}
    corpus = score(load_articles([args.corpus], warn=quiet), config, models)
    print("| margin | recall (tuning) | precision (tuning) | flagged (tuning) | recall (demo) | precision (demo) "
          "| corpus conflicts | corpus worth a look |")
    print("|---|---|---|---|---|---|---|---|")
    for margin in MARGINS:
        o = {k: combine_scores([score_report(decide(sc, config=replace(sc.config, nli_only_review_margin=margin)), st)
                                for sc, st in items]).overall for k, items in sets.items()}
        rep = decide(corpus, config=replace(corpus.config, nli_only_review_margin=margin))
        print(f"| {margin:.2f} | {o['tuning'].recall:.3f} | {o['tuning'].precision_all_flagged:.3f} | "
              f"{o['tuning'].flagged.total} | {o['demo'].recall:.3f} | {o['demo'].precision_all_flagged:.3f} | "
              f"{len(rep.conflicts)} ({', '.join(f'{f.kind} {f.strength:.3f}' for f in rep.conflicts)}) | {len(rep.review)} |")
    print("\nNLI-only conflicts at margin 0 (strength minus bar, gold label):")
    for name, items in sets.items():
        for sc, st in items:
            rep = decide(sc, config=replace(sc.config, nli_only_review_margin=0.0))
            bar = max(rep.config["threshold_used"], sc.config.nli_only_threshold or 0.0)
            arts = {a.id: a for a in rep.articles}
            for f in rep.conflicts:
                if f.kind != "nli":
                    continue
                label = next((g.label for g in st.pairs if finding_matches(f, g, arts)), "unlabelled")
                print(f"- {name} {st.name}: {f.strength - bar:+.3f} {label}")


if __name__ == "__main__":
    main()
