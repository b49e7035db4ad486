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
