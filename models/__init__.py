"""Bundled model files (installed as the `checker_models` package)."""
