"""Find the statements that news articles about one story dispute or corroborate.

    from checker import check, load_articles, Config
    report = check(load_articles(["articles/"]), Config(device="auto"))
"""
from .config import Config

__version__ = "0.1.0"
__all__ = ["Config", "check", "load_articles", "write_report", "__version__"]


def __getattr__(name):  # lazy: importing the package must not import torch
    if name == "check":
        from .api import check
        return check
    if name == "load_articles":
        from .ingest import load_articles
        return load_articles
    if name == "write_report":
        from .report import write_report
        return write_report
    raise AttributeError(name)
