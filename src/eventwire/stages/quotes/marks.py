"""Quote marks: a character scanner that pairs straight, curly, guillemet and single marks.

Paragraph by paragraph, it tells apostrophes from single quote marks by their neighbours,
accepts mismatched pairs (opened curly, closed straight), keeps nested quotes inside the outer
one, and carries a quote left open at a paragraph's end into the next paragraph when that
paragraph opens with a quote mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "_DASHES",
    "_DOUBLE_OPEN",
    "_QUOTE_CHARS",
    "QuoteMarks",
    "_paragraphs",
    "find_quote_marks",
]

_DOUBLE_OPEN = "“«„"
_DOUBLE_CLOSE = "”»"
_QUOTE_CHARS = "\"'“”«»„‘’"
_DASHES = "―—–"
# Characters after which a quote mark opens, and before which one closes.
_OPEN_AFTER = frozenset(" \t\n([{/" + _DASHES + "-" + _DOUBLE_OPEN + "‘\"'")
_CLOSE_BEFORE = frozenset(" \t\n.,;:!?)]}…/" + _DASHES + "-" + _DOUBLE_CLOSE + "’\"'")


@dataclass(frozen=True)
class QuoteMarks:
    """A span in quote marks: the opening mark's index and the content span inside the marks.

    `closed` is False when the quote was never closed (its content runs to the paragraph end);
    `paragraphs` counts the paragraphs it covers.
    """

    open: int
    start: int
    end: int
    closed: bool = True
    paragraphs: int = 1


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as (start, end), trailing whitespace excluded."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        stripped = m.group().rstrip()
        if stripped.strip():
            spans.append((m.start(), m.start() + len(stripped)))
    return spans


def _at(text: str, i: int) -> str:
    return text[i] if 0 <= i < len(text) else " "


def _opens(text: str, i: int) -> bool:
    return _at(text, i - 1) in _OPEN_AFTER and not _at(text, i + 1).isspace()


def _closes(text: str, i: int) -> bool:
    return not _at(text, i - 1).isspace() and _at(text, i + 1) in _CLOSE_BEFORE


def _double_role(text: str, i: int, has_double: bool) -> str | None:
    c, op, cl = text[i], _opens(text, i), _closes(text, i)
    if c in _DOUBLE_OPEN:
        # an opener used as a closer ("...“) only when it cannot open
        return "close" if has_double and cl and not op else "open"
    if c in _DOUBLE_CLOSE:
        if has_double:
            return "close"
        return "open" if op else None  # a closer used as an opener (”Text...”)
    if has_double and cl:
        return "close"
    if op:
        return "open"
    return "close" if has_double else None


def _single_role(text: str, i: int, has_single: bool) -> str | None:
    c, prev, nxt = text[i], _at(text, i - 1), _at(text, i + 1)
    if c == "‘":
        return "open" if _opens(text, i) else None
    if has_single and _closes(text, i) and not nxt.isalnum():
        return "close"
    # a straight ' opens only before a letter after a space: never inside a word (don't)
    if c == "'" and prev in _OPEN_AFTER and nxt.isalpha():
        return "open"
    return None


class _Scanner:
    """Pairs quote marks over the paragraphs of a text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[QuoteMarks] = []
        self.stack: list[tuple[str, int]] = []  # (family "d" or "s", opening index)
        self.carried: tuple[int, int] | None = None  # (opening index, paragraphs so far)

    def run(self) -> list[QuoteMarks]:
        paras = _paragraphs(self.text)
        for n, (ps, pe) in enumerate(paras):
            nxt = paras[n + 1][0] if n + 1 < len(paras) else None
            self._paragraph(ps, pe, nxt)
        return sorted(self.found, key=lambda q: q.open)

    def _paragraph(self, ps: int, pe: int, next_start: int | None) -> None:
        first = ps
        self.stack = []
        if self.carried is not None:
            self.stack.append(("d", self.carried[0]))
            first = ps + 1  # the continuation's own opening mark is not a new quote
        for i in range(first, pe):
            c = self.text[i]
            if c in _DOUBLE_OPEN + _DOUBLE_CLOSE + '"':
                self._double(i)
            elif c in "‘’'":
                self._single(i)
        self._end_paragraph(pe, next_start)

    def _double(self, i: int) -> None:
        has_double = any(f == "d" for f, _ in self.stack)
        role = _double_role(self.text, i, has_double)
        if role == "open":
            self.stack.append(("d", i))
        elif role == "close":
            while self.stack:
                family, at = self.stack.pop()
                if family == "d":
                    # record only outermost doubles: nested ones are part of the outer content
                    if not any(f == "d" for f, _ in self.stack):
                        self._record(at, i, closed=True)
                    return

    def _single(self, i: int) -> None:
        has_single = any(f == "s" for f, _ in self.stack)
        role = _single_role(self.text, i, has_single)
        if role == "open":
            self.stack.append(("s", i))
        elif role == "close":
            while self.stack:
                family, at = self.stack.pop()
                if family == "s":
                    if not self.stack:
                        self._record(at, i, closed=True)
                    return

    def _end_paragraph(self, pe: int, next_start: int | None) -> None:
        outer = next((at for f, at in self.stack if f == "d"), None)
        paragraphs = self.carried[1] if self.carried else 1
        self.carried = None
        if outer is None:
            return
        # a quote left open continues when the next paragraph opens with a quote mark
        if next_start is not None and self.text[next_start] in _DOUBLE_OPEN + '"':
            self.carried = (outer, paragraphs + 1)
            return
        self._record(outer, pe, closed=False)

    def _record(self, opening: int, close: int, *, closed: bool) -> None:
        paragraphs = self.text.count("\n\n", opening, close) + 1 if "\n" in self.text else 1
        start, end = _trim(self.text, opening + 1, close)
        if end > start:
            self.found.append(QuoteMarks(opening, start, end, closed, paragraphs))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop surrounding whitespace and a trailing comma (it belongs to the frame: "A," he said)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def find_quote_marks(text: str) -> list[QuoteMarks]:
    """Every outermost span in quote marks, scare quotes included, in text order."""
    return _Scanner(text).run()
