"""Initiative descriptions use the shared safe Markdown renderer (core/markdown.py)."""

from sammen.core.markdown import render as render

__all__ = ["render"]
