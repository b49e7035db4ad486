"""Issue 22 point 5: how far above its bar an NLI-only conflict must be to be shown as a conflict
rather than as "worth a look" (Config.judge.nli_only_review_margin).

    python eval/tier_margin.py [--gold eval/gold] [--demo checker/demo]
                               [--corpus ../shared/corpora/patriot-missiles] [--judge fast|cascade|strong]

Scores the tuning set, the demo and the real corpus once (default pipeline), then re-decides the same
scores with each margin and prints recall and precision on the tuning set and the demo, conflicts
and review items on the corpus, and every NLI-only conflict of the tuning set with how far it is above
its bar and what gold says of it (no corpus text). Criterion: the widest margin that keeps the
tuning set's recall (no found gold conflict moved to the review list).

Then the provenance items' entailment gate: how many provenance items each gate lists on the tuning
set and the demo, by gold label (faithful restatements listed are the cost), and whether the corpus's
known provenance pair (eval/corpus_known) is listed. The tuning set has no provenance pair to tell the
gates apart, so the corpus pair decides, with slack: a gate comfortably above it that lists no
faithful restatement on the tuning set.
"""
from __future__ import annotations

import argparse
from dataclasses import replace

MARGINS = (0.0, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1)
# The provenance items' entailment gate (ProvenanceSettings.review_max_entailment) compared.
PROVENANCE_GATES = (0.1, 0.15, 0.2, 0.3, 0.4)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default="eval/gold")
    ap.add_argument("--demo", default="checker/demo")
    ap.add_argument("--corpus", default="../shared/corpora/patriot-missiles")
    ap.add_argument("--judge", default="fast", choices=("fast", "cascade", "strong"),
                    help="the NLI judge the margins and gates are tried for (default: fast)")
    args = ap.parse_args(argv)

    from checker.api import Models, decide
    from checker.cascade import CascadeSettings
    from checker.config import Config
    from checker.evaluation.evaluators import score_tuning_sets
    from checker.evaluation.gold import combine_scores, finding_matches, score_report

    config = Config(device="cpu", progress=False, cascade=CascadeSettings(judge=args.judge))
    sets, corpus = score_tuning_sets(args.gold, args.demo, args.corpus, config, Models.load(config))
    print("| margin | recall (tuning) | precision (tuning) | flagged (tuning) | recall (demo) | precision (demo) "
          "| corpus conflicts | corpus worth a look |")
    print("|---|---|---|---|---|---|---|---|")
    for margin in MARGINS:
        o = {k: combine_scores([score_report(decide(sc, config=replace(sc.config, judge=replace(sc.config.judge, nli_only_review_margin=margin))), st)
                                for sc, st in items]).overall for k, items in sets.items()}
        rep = decide(corpus, config=replace(corpus.config, judge=replace(corpus.config.judge, nli_only_review_margin=margin)))
        print(f"| {margin:.2f} | {o['tuning'].recall:.3f} | {o['tuning'].precision_all_flagged:.3f} | "
              f"{o['tuning'].flagged.total} | {o['demo'].recall:.3f} | {o['demo'].precision_all_flagged:.3f} | "
              f"{len(rep.conflicts)} ({', '.join(f'{f.kind} {f.strength:.3f}' for f in rep.conflicts)}) | {len(rep.review)} |")
    from checker.api import judge_all
    from checker.evaluation.gold import verdict_matches
    from checker.review import review_items

    print("\n| provenance entailment gate | tuning: listed (conflict/agree/distinct/unlabelled) | demo: listed "
          "| corpus: provenance items | corpus known provenance pair listed |")
    print("|---|---|---|---|---|")
    known = _known_pairs()
    for gate in PROVENANCE_GATES:
        cells = []
        for name, items in sets.items():
            tally = {"conflict": 0, "agree": 0, "distinct": 0, "review": 0, None: 0}
            for sc, st in items:
                j = judge_all(sc)
                arts = {a.id: a for a in sc.articles}
                ps = replace(sc.config.provenance, review_max_entailment=gate)
                for item in review_items(j.verdicts, sc.config.review, j.weights, ps):
                    if item.provenance is not None:
                        tally[next((g.label for g in st.pairs if verdict_matches(item.verdict, g, arts)), None)] += 1
            cells.append(f"{sum(tally.values())} ({tally['conflict']}/{tally['agree']}/{tally['distinct']}/{tally[None]})")
        j = judge_all(corpus)
        ps = replace(corpus.config.provenance, review_max_entailment=gate)
        listed = [it for it in review_items(j.verdicts, corpus.config.review, j.weights, ps) if it.provenance is not None]
        hit = any({_sha(it.pair.a.text), _sha(it.pair.b.text)} in known for it in listed)
        print(f"| {gate:.2f} | {cells[0]} | {cells[1]} | {len(listed)} | {'yes' if hit else 'no'} |")

    print("\nNLI-only conflicts at margin 0 (strength minus bar, gold label):")
    for name, items in sets.items():
        for sc, st in items:
            rep = decide(sc, config=replace(sc.config, judge=replace(sc.config.judge, nli_only_review_margin=0.0)))
            bar = max(rep.config["threshold_used"], sc.config.judge.nli_only_threshold or 0.0)
            arts = {a.id: a for a in rep.articles}
            for f in rep.conflicts:
                if f.kind != "nli":
                    continue
                label = next((g.label for g in st.pairs if finding_matches(f, g, arts)), "unlabelled")
                print(f"- {name} {st.name}: {f.strength - bar:+.3f} {label}")


def _sha(text: str) -> str:
    import hashlib

    from checker.evaluation.gold import normalize_text

    return hashlib.sha1(normalize_text(text).encode("utf-8")).hexdigest()[:16]


def _known_pairs() -> list[set[str]]:
    import json
    from pathlib import Path

    path = Path(__file__).parent / "corpus_known" / "patriot-missiles.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{r["a_sha1"], r["b_sha1"]} for r in rows]


if __name__ == "__main__":
    main()
