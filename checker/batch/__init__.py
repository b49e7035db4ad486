"""Batch reports over a news feed: many stories mixed together in, one conflict report per story out.

    from checker.batch import BatchSettings, run_batch
    result = run_batch(["feed.jsonl", "today/"], Path("out"), Config(device="cpu"), BatchSettings())
    result.index["stories"][0]["report"]   # 'harbour-tax-vote-3f2a91/report.json'

The flow is one direction: feed (ingest + `story` labels) -> sentences and embeddings (kept in the
store) -> stories (clustering of article embeddings) -> one `checker.api.score`/`decide` run per
story with NLI scores read from and written to the store -> reports and the index.
Modules: feed, stories, store, cached (store-backed models), engine, ray_engine (optional Ray),
run, index, progress, cli.
"""
from .run import BatchResult, BatchSettings, run_batch

__all__ = ["BatchResult", "BatchSettings", "run_batch"]
