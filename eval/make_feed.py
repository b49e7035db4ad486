"""Generate an invented news feed for the batch benchmarks (checker/evaluation/feeds.py).

    python eval/make_feed.py --articles 1000 --seed 1 -o feed.jsonl      # also writes feed.planted.jsonl
    python eval/make_feed.py --huge 4500000 -o huge/                      # one 4.5 MB article + two short ones
"""
from checker.evaluation.feeds import main

if __name__ == "__main__":
    main()
