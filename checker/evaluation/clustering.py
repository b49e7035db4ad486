"""How well a grouping of items matches the true one: B-cubed precision, recall and F1."""
from __future__ import annotations


def bcubed(groups: list[set[str]], truth: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of `groups` (sets of item ids) against `truth` (id -> true group):
    each item's share of its group that truly belongs with it, and its share of its true group that it
    was put with, averaged over the items."""
    story_size: dict[str, int] = {}
    for story in truth.values():
        story_size[story] = story_size.get(story, 0) + 1
    precision = recall = 0.0
    for group in groups:
        for item in group:
            same = sum(1 for other in group if truth[other] == truth[item])
            precision += same / len(group)
            recall += same / story_size[truth[item]]
    n = len(truth)
    p, r = precision / n, recall / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def grouping_scores(groups: list[set[str]], truth: dict[str, str]) -> dict:
    """One feed's row: articles, true stories, groups found, stories that came out whole and alone
    (a group holding exactly that story's articles), and the B-cubed scores."""
    expected: dict[str, set[str]] = {}
    for item, story in truth.items():
        expected.setdefault(story, set()).add(item)
    p, r, f1 = bcubed(groups, truth)
    return {"articles": len(truth), "stories": len(expected), "groups": len(groups),
            "whole_and_alone": sum(1 for g in expected.values() if g in groups),
            "bcubed_precision": round(p, 3), "bcubed_recall": round(r, 3), "bcubed_f1": round(f1, 3)}


def grouping_table(runs: dict[str, dict], feeds: list[str]) -> list[str]:
    """Markdown table lines of `runs` (run name -> {"feeds": {feed: grouping_scores row}}), feed by feed."""
    lines = ["| feed | run | articles | stories | groups | whole and alone | B-cubed P | B-cubed R | B-cubed F1 |",
             "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
    for feed in feeds:
        for run, result in runs.items():
            row = result.get("feeds", {}).get(feed)
            if row:
                lines.append(f"| {feed} | {run} | {row['articles']} | {row['stories']} | {row['groups']} | "
                             f"{row['whole_and_alone']} | {row['bcubed_precision']:.3f} | {row['bcubed_recall']:.3f} | "
                             f"{row['bcubed_f1']:.3f} |")
    return lines
