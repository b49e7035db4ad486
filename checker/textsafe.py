"""Text that is safe to encode and honest to display.

Three small jobs, each one function:

- `without_surrogates`: lone surrogates (JSON's "\\ud800" escapes make them) become U+FFFD, one
  character for one, so text can be encoded and offsets into it stay right;
- `printable`: a file name read with Python's surrogate escapes (a byte that is not UTF-8) shown
  as the byte, "caf\\xe9.txt", instead of failing to encode;
- `show_invisible`: characters that change how text displays without showing themselves
  (bidirectional overrides, zero-width spaces and joiners, other format and control characters)
  shown as a visible marker such as "⟦U+202E⟧". A hostile article could otherwise make a flagged
  "300 vs 003" display as "300 vs 300".

Not for cleaning article text before analysis (ingest.normalize_text does that): offsets into
`Article.text` must not move, so the report shows markers only where it displays text.

    >>> show_invisible("troops: \\u202e003\\u202c")
    'troops: ⟦U+202E⟧003⟦U+202C⟧'
    >>> printable("caf\\udce9.txt")
    'caf\\\\xe9.txt'
"""
from __future__ import annotations

import re
import unicodedata

_SURROGATE = re.compile("[\ud800-\udfff]")

# Categories that never show as themselves: controls (Cc), format characters (Cf: bidirectional
# controls, zero-width space/joiners, soft hyphen, word joiner, BOM, tag characters) and lone
# surrogates (Cs). Tab and newline are layout, not hidden content.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs"})
_LAYOUT = frozenset("\t\n")
# Letters and marks that render as nothing although their category says otherwise.
_BLANK_GLYPHS = frozenset("\u034f\u115f\u1160\u3164\uffa0")


def without_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (same length, so offsets stay put)."""
    return _SURROGATE.sub("\ufffd", text)


def printable(text: str) -> str:
    """`text` with undecodable file-name bytes shown as "\\xNN" and any other lone surrogate as
    "\\udNNN", so it always encodes as UTF-8. Text without surrogates comes back unchanged."""
    return _SURROGATE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    # U+DC80..U+DCFF is what surrogateescape makes of the bytes 0x80..0xFF that were not UTF-8.
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def show_invisible(text: str) -> str:
    """`text` with every character that displays as nothing, or that reorders what follows it,
    replaced by a visible "⟦U+XXXX⟧". Tabs and newlines are kept."""
    if text.isprintable():  # the common case, checked in C: no controls, format characters or odd spaces
        return text
    return "".join(_marker(ch) if _hidden(ch) else ch for ch in text)


def _hidden(ch: str) -> bool:
    if ch in _LAYOUT:
        return False
    return ch in _BLANK_GLYPHS or unicodedata.category(ch) in HIDDEN_CATEGORIES


def _marker(ch: str) -> str:
    return f"⟦U+{ord(ch):04X}⟧"
