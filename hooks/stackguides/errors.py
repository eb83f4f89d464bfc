"""Data errors: one precise, contributor-facing message per mistake."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

EXCERPT_WIDTH = 100  # characters of a long source line shown around the column


@dataclass(frozen=True, order=True)
class DataError:
    """A mistake in a data file, located by file, line, column and field path.

    ``line`` and ``column`` are 1-based; 0 means "the whole file".
    """

    file: str
    line: int
    column: int
    field: str
    message: str
    source_line: str = field(default="", compare=False, repr=False)  # the file's text on ``line``

    def excerpt(self) -> str:
        """The offending line with a caret under the column, as compilers show it ("" if unknown)."""
        if not self.line or not self.source_line.strip():
            return ""
        text = self.source_line.rstrip("\r\n")
        column = max(self.column, 1)
        start = max(0, min(column - 1 - EXCERPT_WIDTH // 2, len(text) - EXCERPT_WIDTH))
        shown = text[start : start + EXCERPT_WIDTH]
        prefix = "…" if start else ""
        caret = " " * (len(printable(prefix + shown[: column - 1 - start]))) + "^"
        return f"{self.line:>5} | {printable(prefix + shown)}\n      | {caret}"

    def with_source(self, text_lines: list[str]) -> DataError:
        """This error with the text of its line attached (for :meth:`excerpt`)."""
        if 0 < self.line <= len(text_lines):
            return replace(self, source_line=text_lines[self.line - 1])
        return self

    def __str__(self) -> str:
        """Render as ``file:line:col: field: message`` (the format editors understand).

        Characters that are not printable (line breaks, terminal escape sequences,
        direction overrides) are shown escaped, so a file name or a value quoted in
        a message cannot add lines to a log or recolour a terminal.
        """
        location = self.file if self.line == 0 else f"{self.file}:{self.line}:{self.column}"
        if self.field:
            return printable(f"{location}: {self.field}: {self.message}")
        return printable(f"{location}: {self.message}")


class DataErrors(Exception):
    """Raised when the data has one or more errors; carries all of them, sorted."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        """Every error on its own line (with the offending source line under it), followed by a count."""
        count = len(self.errors)
        noun = "error" if count == 1 else "errors"
        lines = []
        for error in self.errors:
            lines.append(str(error))
            if error.excerpt():
                lines.append(error.excerpt())
        lines.append(f"{count} {noun} in the data files. Fix them and run the build again.")
        return "\n".join(lines)


def printable(text: str) -> str:
    """``text`` with every character that is not printable written as a Python escape (``\\n``, ``\\x1b``)."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def format_path(path: tuple[str | int, ...]) -> str:
    """Turn a field path such as ``("pros", 2)`` into ``pros[2]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
