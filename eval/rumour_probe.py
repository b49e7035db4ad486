"""Claims against the headlines of other outlets that dispute, repeat or only report them: how often the
checker sets a disputing headline against its claim, and how often it does so wrongly.

    python eval/rumour_probe.py [--pairs eval/rumour-headlines/pairs.jsonl] [--judge fast cascade]
                                [--out eval/results/rumour-headlines]

Each line of the pairs file is one claim ("Apple is buying Rivian.") and one headline by another outlet,
with its stance: `against` (a denial, debunk, retraction or the opposite stated), `for` (the claim
repeated in other words) or `observing` (reported without a judgement). Each pair is checked on its own,
as two one-sentence articles of one day, with each judge named; a pair counts as set against its claim
when the report lists it among the conflicts, and as worth a look when it is there instead. An `against`
pair flagged is a dispute found; a `for` or `observing` pair flagged is a false alarm. Counts only: no
text of the set is written out.

`--grouped` checks each claim against all of its headlines at once, as a fact-checker would give them:
one comparison per topic, the claim and every headline each a one-sentence article. A headline counts as
set against the claim when a conflict (or a review item) pairs the two; what the headlines say of one
another is not counted. With `--named-claim` the claim is named as one (`checker report --claim`), so that
each of its pairs with a headline is judged as a claim and a headline alone are.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

STANCES = ("against", "for", "observing")


def load_pairs(path: Path) -> list[dict]:
    """The pairs of a JSON Lines file, each with `claim`, `headline` and a known `stance`."""
    pairs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("stance") not in STANCES or not row.get("claim") or not row.get("headline"):
            raise SystemExit(f"{path}:{n}: needs claim, headline and a stance of {', '.join(STANCES)}")
        pairs.append(row)
    return pairs


def tally(outcomes: list[tuple[str, str]]) -> dict:
    """Per stance: pairs, flagged as a conflict, listed as worth a look; from (stance, outcome) pairs whose
    outcome is "conflict", "review" or "none"."""
    out = {s: {"pairs": 0, "conflict": 0, "review": 0} for s in STANCES}
    for stance, outcome in outcomes:
        out[stance]["pairs"] += 1
        if outcome in ("conflict", "review"):
            out[stance][outcome] += 1
    return out


def by_topic(pairs: list[dict]) -> list[list[dict]]:
    """The pairs grouped by claim (its `topic`, else the claim's text), in the order first seen."""
    groups: dict[str, list[dict]] = {}
    for row in pairs:
        groups.setdefault(row.get("topic") or row["claim"], []).append(row)
    return list(groups.values())


def outcome_between(report, first: str, second: str) -> str:
    """"conflict" when one of the report's conflicts pairs the sentences of articles `first` and `second`,
    "review" when a review item does instead, else "none"."""
    def joins(pair) -> bool:
        return {pair.a.article_id, pair.b.article_id} == {first, second}

    if any(joins(v.scores.pair) for f in report.conflicts for v in f.evidence):
        return "conflict"
    if any(joins(item.verdict.scores.pair) for item in report.review):
        return "review"
    return "none"


def _grouped_articles(i: int, rows: list[dict], named: bool = False):
    from checker.ingest import CLAIM_ROLE
    from checker.types import Article

    claim = Article(id=f"claim-{i}", title="claim", text=rows[0]["claim"], source="first outlet", date="2026-01-10",
                    meta={"role": CLAIM_ROLE} if named else {})
    return [claim] + [Article(id=f"headline-{i}-{j}", title="headline", text=row["headline"],
                              source=f"outlet {j + 2}", date="2026-01-10") for j, row in enumerate(rows)]


def _articles(i: int, row: dict):
    from checker.types import Article

    return [Article(id=f"claim-{i}", title="claim", text=row["claim"], source="first outlet", date="2026-01-10"),
            Article(id=f"headline-{i}", title="headline", text=row["headline"], source="second outlet",
                    date="2026-01-10")]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pairs", type=Path, default=Path("eval/rumour-headlines/pairs.jsonl"))
    ap.add_argument("--judge", nargs="+", default=["fast", "cascade"], choices=["fast", "cascade", "strong"])
    ap.add_argument("--grouped", action="store_true", help="each claim against all its headlines at once")
    ap.add_argument("--named-claim", action="store_true", help="with --grouped: the claim named as one (--claim)")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--out", type=Path, default=Path("eval/results/rumour-headlines"))
    args = ap.parse_args(argv)
    if args.named_claim and not args.grouped:
        ap.error("--named-claim goes with --grouped (a claim and one headline are judged alone already)")
    pairs = load_pairs(args.pairs)

    from checker.api import Models, decide, score
    from checker.cascade import CascadeSettings
    from checker.config import Config
    from checker.evaluation.markdown import table as markdown_table
    from checker.evaluation.record import provenance, write_result

    results, rows = {}, []
    for judge in args.judge:
        config = Config(device=args.device, progress=False, cascade=CascadeSettings(judge=judge))
        models = Models.load(config)
        outcomes = []
        if args.grouped:
            for i, group in enumerate(by_topic(pairs)):
                report = decide(score(_grouped_articles(i, group, args.named_claim), config, models))
                outcomes += [(row["stance"], outcome_between(report, f"claim-{i}", f"headline-{i}-{j}"))
                             for j, row in enumerate(group)]
        else:
            for i, row in enumerate(pairs):
                report = decide(score(_articles(i, row), config, models))
                outcome = "conflict" if report.conflicts else "review" if report.review else "none"
                outcomes.append((row["stance"], outcome))
        results[judge] = tally(outcomes)
        for stance, c in results[judge].items():
            rows.append([judge, stance, str(c["pairs"]), str(c["conflict"]),
                         f"{c['conflict'] / c['pairs']:.2f}" if c["pairs"] else "", str(c["review"])])
        print(judge, json.dumps(results[judge]), file=sys.stderr)
    command = "python eval/rumour_probe.py " + " ".join(argv if argv is not None else sys.argv[1:])
    title = ("each claim against all its headlines at once" + (", the claim named" if args.named_claim else "")
             if args.grouped else "each pair on its own")
    md = "\n".join([f"# Claims against other outlets' headlines ({title})", "",
                    "A flagged `against` pair is a dispute found; a flagged `for` or `observing` pair is a false alarm.", "",
                    *markdown_table(["judge", "stance", "pairs", "flagged as a conflict", "share", "worth a look"], rows)])
    stamp = provenance(command.strip(), models={"nli": config.nli_model, "strong": config.cascade.strong_model},
                       precision=config.precision, device=args.device)
    name = ("rumour_probe_named.json" if args.named_claim else "rumour_probe_grouped.json") if args.grouped \
        else "rumour_probe.json"
    write_result(args.out / name, {"pairs_file": str(args.pairs), "grouped": args.grouped,
                                   "named_claim": args.named_claim, "results": results}, stamp, md)
    print(md)


if __name__ == "__main__":
    main()
