"""Safe YAML loading that remembers where every value came from.

Loading is safe-only (libyaml's ``CSafeLoader`` when present) and stricter
than PyYAML: a repeated key, an anchor/alias, a custom tag, a file that is
too big or nested too deep is an error with its line and column, never a
silent surprise. Every value's position is kept so that later checks can
point at the exact line of a mistake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from stackguides.errors import DataError, format_path

try:  # libyaml is several times faster; fall back to the pure-Python loader.
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _SafeLoader


class _Loader(_SafeLoader):
    """The safe loader, with the tag resolution it asks for on every node made lean.

    PyYAML's resolver also walks "path resolvers" on every node (registered with
    ``add_path_resolver``; the safe loader has none) and builds a list of
    candidate patterns per scalar; at 10,000 tools that was a tenth of loading.
    The tags are the safe loader's own: the same implicit patterns, in order.
    """

    _implicit = _SafeLoader.yaml_implicit_resolvers

    def descend_resolver(self, current_node, current_index):  # no path resolvers to follow
        return None

    def ascend_resolver(self):
        return None

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in self._implicit.get(value[:1], ()):
                    if pattern.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else self.DEFAULT_MAPPING_TAG


assert None not in _Loader._implicit, "a wildcard implicit resolver: _Loader.resolve must consult it"

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 16

_TAG_PREFIX = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_TAG_PREFIX + name for name in ("str", "null", "bool", "int", "float", "timestamp")}
_STR_TAG = _TAG_PREFIX + "str"
# A text holds a number when this finds one; the loader gathers such texts (numbered_texts) and the
# release-version check reads only those, so both use this one pattern.
DIGIT = re.compile(r"\d")
_constructor = yaml.constructor.SafeConstructor()
# `&` or `*` at the start of a token (not after another character) and followed by a name. The
# marker comes first and the look-behind after it: a pattern that starts with a look-behind is
# tried at every position, one that starts with a character set jumps to the candidates (3x faster).
_MAYBE_ANCHOR = re.compile(r"[&*](?<![^\s\[{,:?-][&*])[^\s\[\]{},*]")
# Written with a leading single marker: a pattern that starts with a group scans 5x slower.
_COMPACT_NESTING = re.compile(rf"[-?][ \t]+(?:[-?][ \t]+){{{MAX_DEPTH - 1}}}")

Path = tuple[str | int, ...]
_KEY_LINE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*:(?:\s|$)")
_ALIAS_MESSAGE = (
    "YAML anchors and aliases (&name / *name) are not allowed in data files; write the value out in full."
)


@dataclass(frozen=True)
class Position:
    """Where a value (or key) starts in its file, 1-based."""

    line: int
    column: int


@dataclass(frozen=True)
class ScalarSource:
    """How a scalar was written: its raw text, and whether it was quoted."""

    text: str
    quoted: bool
    tag: str


@dataclass
class SourceDocument:
    """A loaded YAML file: plain Python data plus its text, to find the position of any value.

    The composed nodes are not kept: a catalog of 10,000 files holds about
    600,000 of them, more memory than the data itself (and a fresh
    interpreter pays for every page of it). The node of each path is looked up only when an
    error needs one (:attr:`nodes`): the text is composed again then, which
    gives the same nodes as the first time, so loading does no per-value work
    beyond building the data.
    """

    file: str
    data: Any
    text: str | None = field(default=None, repr=False)
    # Every text value holding a digit, with its path, in file order (what a version check reads;
    # gathered while the data is built, so that check need not walk every value again).
    numbered_texts: list[tuple[Path, str]] | None = field(default=None, repr=False)
    _nodes: dict[Path, yaml.Node] | None = field(default=None, repr=False)
    _key_nodes: dict[Path, yaml.Node] | None = field(default=None, repr=False)

    @property
    def nodes(self) -> dict[Path, yaml.Node]:
        """The node of every value, by path (empty once released)."""
        if self._nodes is None:
            self._index()
        return self._nodes

    @property
    def key_nodes(self) -> dict[Path, yaml.Node]:
        """The node of every mapping key, by the path of its value (empty once released)."""
        if self._key_nodes is None:
            self._index()
        return self._key_nodes

    def _index(self) -> None:
        nodes: dict[Path, yaml.Node] = {}
        keys: dict[Path, yaml.Node] = {}
        root = _compose_again(self.text) if self.text is not None else None
        pending: list[tuple[Path, yaml.Node]] = [((), root)] if root is not None else []
        while pending:  # the paths the builder gives the data: str keys, int list indices
            path, node = pending.pop()
            nodes[path] = node
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    key_path = path + (str(key_node.value),)
                    keys[key_path] = key_node
                    pending.append((key_path, value_node))
            elif isinstance(node, yaml.SequenceNode):
                pending.extend((path + (i,), item) for i, item in enumerate(node.value))
        self._nodes, self._key_nodes = nodes, keys

    def position(self, path: Path) -> Position:
        """The position of the value at ``path``, or of its nearest ancestor."""
        while path:
            if path in self.nodes:
                return _position(self.nodes[path])
            path = path[:-1]
        return _position(self.nodes[()]) if () in self.nodes else Position(1, 1)

    def key_position(self, path: Path) -> Position:
        """The position of the key naming ``path`` (falls back to the value)."""
        node = self.key_nodes.get(path)
        return _position(node) if node is not None else self.position(path)

    def scalar(self, path: Path) -> ScalarSource | None:
        """How the scalar at ``path`` was written, if it is a scalar."""
        node = self.nodes.get(path)
        if not isinstance(node, yaml.ScalarNode):
            return None
        return ScalarSource(node.value, node.style not in (None, ""), node.tag)

    def release(self) -> None:
        """Drop the text (and any nodes looked up) once every check has run: a catalog
        of thousands of files would otherwise keep them alive for the whole build."""
        self.text = self.numbered_texts = None
        self._nodes, self._key_nodes = {}, {}

    def error(self, path: Path, message: str, *, at_key: bool = False) -> DataError:
        """A :class:`DataError` located at the value (or key) at ``path``."""
        where = self.key_position(path) if at_key else self.position(path)
        return DataError(self.file, where.line, where.column, format_path(path), message)


def tag_name(tag: str) -> str:
    """Show a tag the way it is written in YAML (``!!python/object``)."""
    return "!!" + tag[len(_TAG_PREFIX) :] if tag.startswith(_TAG_PREFIX) else tag


def _compose_again(text: str) -> yaml.Node | None:
    """The nodes of a text that :func:`load_document` composed once already (so it cannot fail)."""
    return yaml.compose(text, Loader=_Loader)


def _position(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _decode(file: str, raw: bytes, max_bytes: int = MAX_FILE_BYTES) -> tuple[str | None, list[DataError]]:
    if len(raw) > max_bytes:
        return None, [
            DataError(
                file,
                0,
                0,
                "",
                f"the file is {len(raw):,} bytes; data files are limited to "
                f"{max_bytes:,} bytes. Split the content or shorten it.",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(raw[line_start : exc.start].decode("utf-8", errors="replace")) + 1
        return None, [
            DataError(
                file,
                line,
                column,
                "",
                f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x}). Save it with UTF-8 encoding.",
            )
        ]
    return text, []


def _depth_error(file: str, text: str) -> DataError | None:
    """Refuse deep nesting before libyaml's recursive composer sees it (it crashes the process).

    Only flow brackets and compact block markers (``- - - x``, ``? ? x``) can nest
    thousands of levels in a file under the size cap; indentation alone cannot. When
    neither is present the full check is skipped, keeping loading fast.
    """
    if text.count("[") + text.count("{") <= MAX_DEPTH and not _COMPACT_NESTING.search(text):
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    return DataError(
                        file,
                        mark.line + 1,
                        mark.column + 1,
                        "",
                        f"values are nested more than {MAX_DEPTH} levels deep. "
                        "Data files never need this much nesting; flatten the structure.",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the composer reports the syntax error with its position
    return None


def _anchor_errors(file: str, text: str) -> list[DataError]:
    """Every anchor (``&name``) and alias (``*name``), each at its own position.

    A cheap pattern rules most files out; only files that may hold one are parsed
    into events (a streaming, non-recursive pass).
    """
    if not _MAYBE_ANCHOR.search(text):
        return []
    errors = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                errors.append(DataError(file, mark.line + 1, mark.column + 1, "", _ALIAS_MESSAGE))
    except yaml.YAMLError:
        return []  # the composer reports the syntax error with its position
    return errors


_SYNTAX_HINTS = (
    ("mapping values are not allowed", 'A text that contains `: ` must be quoted: `key: "a: b"`.'),
    ("scanning an alias", 'A value that starts with `*` (or `&`) must be quoted: `key: "*bold* text"`.'),
    ("scanning an anchor", "A value that starts with `&` (or `*`) must be quoted."),
    (
        "scanning a quoted scalar",
        "A quote was opened and not closed; close it, or quote with the other kind.",
    ),
)


def _syntax_hint(problem: str) -> str:
    """How to fix the most common YAML syntax errors."""
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem:
            return hint
    return "Check the indentation and quoting on this line and the one before."


def _syntax_error(file: str, text: str, exc: yaml.YAMLError) -> DataError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {problem}"
    if context:
        message += f" ({context})"
    if isinstance(exc, yaml.reader.ReaderError):
        message = f"the file contains a character YAML does not allow ({exc.reason}); remove it"
        position = exc.position if isinstance(exc.position, int) and exc.position <= len(text) else 0
        line = text.count("\n", 0, position) + 1
        column = position - (text.rfind("\n", 0, position) + 1) + 1
        return DataError(file, line, column, "", message)
    lines = text.splitlines() or [""]
    line_text = lines[min(mark.line, len(lines) - 1)] if mark else ""
    if line_text[: len(line_text) - len(line_text.lstrip())].count("\t"):
        message += ". Indent with spaces, not tabs."
    else:
        message += ". " + _syntax_hint(f"{problem} {context or ''}")
    if mark is None:
        return DataError(file, 0, 0, "", message)
    if mark.line >= len(lines):  # libyaml marks the end of the stream on the line after the last
        return DataError(file, len(lines), len(lines[-1]) + 1, "", message)
    return DataError(file, mark.line + 1, mark.column + 1, "", message)


class _Builder:
    """Turns a composed node graph into Python data, recording positions."""

    def __init__(self, document: SourceDocument, text: str = ""):
        self.document = document
        self.errors: list[DataError] = []
        self._text = text
        self._lines: list[str] | None = None  # split only when a plain scalar spans lines
        self._numbered = document.numbered_texts

    def fail(self, node: yaml.Node, path: Path, message: str) -> None:
        where = _position(node)
        self.errors.append(
            DataError(self.document.file, where.line, where.column, format_path(path), message)
        )

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        # No node is reached twice: a file with an anchor or alias is refused before it is
        # composed (_anchor_errors), so the graph is a tree.
        if depth > MAX_DEPTH:
            self.fail(node, path, f"values are nested more than {MAX_DEPTH} levels deep.")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG_PREFIX + "seq":
                return self._bad_tag(node, path)
            return [self.build(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _silent_merge(self, node: yaml.ScalarNode, path: Path) -> None:
        """A plain (unquoted) value whose continuation line looks like a new list item or key.

        YAML folds a line indented deeper than its item into that item's text, so
        ``- a`` followed by a ``- b`` indented two spaces more is one item, ``a - b``,
        and nothing else says so.
        """
        if self._lines is None:
            self._lines = self._text.split("\n")
        first = node.start_mark.line
        for number in range(first + 1, min(node.end_mark.line + 1, len(self._lines))):
            line = self._lines[number]
            stripped = line.lstrip(" ")
            column = len(line) - len(stripped) + 1
            if stripped.startswith("- ") or stripped == "-":
                what, fix = "a new list item", "indent its `-` like the items above it"
            elif _KEY_LINE.match(stripped):
                what, fix = "a `key: value` line", "indent it like the other keys of this mapping"
            else:
                continue
            where = _position(node)
            self.errors.append(
                DataError(
                    self.document.file,
                    number + 1,
                    column,
                    format_path(path),
                    f"line {number + 1} looks like {what}, but it is indented deeper than the value that "
                    f"starts on line {where.line}, so YAML silently made it part of that text; {fix}",
                )
            )
            return

    def _bad_tag(self, node: yaml.Node, path: Path) -> None:
        self.fail(
            node,
            path,
            f"the tag {tag_name(node.tag)} is not allowed: data files hold plain text, "
            "numbers, lists and mappings only. Remove the tag.",
        )
        return None

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any] | None:
        if node.tag != _TAG_PREFIX + "map":
            return self._bad_tag(node, path)
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG_PREFIX + "merge":
                self.fail(
                    key_node,
                    path,
                    "merge keys (<<) are not allowed in data files; write the keys out in full.",
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, path, "a key must be a plain word, not a list or mapping.")
                continue
            key = str(key_node.value)
            key_path = path + (key,)
            if key in first_seen:
                first = _position(first_seen[key])
                self.fail(
                    key_node,
                    key_path,
                    f"the key `{key}` appears twice in this mapping (first on line "
                    f"{first.line}); YAML would silently keep only the last one. "
                    "Merge the two or delete one.",
                )
                continue
            first_seen[key] = key_node
            result[key] = self.build(value_node, key_path, depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: Path) -> Any:
        if (
            not node.style and node.end_mark.line > node.start_mark.line
        ):  # plain: libyaml says "", PyYAML None
            self._silent_merge(node, path)
        if node.tag == _STR_TAG:
            return self._text_value(node.value, path)
        if node.tag not in _SCALAR_TAGS:
            return self._bad_tag(node, path)
        try:
            # The per-tag function, not construct_object: that one caches every node forever.
            return _constructor.yaml_constructors[node.tag](_constructor, node)
        except (ValueError, yaml.YAMLError):  # e.g. an impossible date such as 2026-02-31
            return self._text_value(node.value, path)

    def _text_value(self, value: str, path: Path) -> str:
        if DIGIT.search(value):
            self._numbered.append((path, value))
        return value


def load_document(
    file: str, raw: bytes, max_bytes: int = MAX_FILE_BYTES
) -> tuple[SourceDocument | None, list[DataError]]:
    """Load one YAML file safely (at most ``max_bytes``). Returns the document, or ``None`` and the errors."""
    text, errors = _decode(file, raw, max_bytes)
    if text is None:
        return None, errors
    depth_error = _depth_error(file, text)
    if depth_error:
        return None, [depth_error]
    anchor_errors = _anchor_errors(file, text)
    if anchor_errors:
        return None, anchor_errors
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        return None, [_syntax_error(file, text, exc)]
    except RecursionError:
        return None, [DataError(file, 0, 0, "", "the file is nested too deeply to read.")]
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag.endswith(":null")):
        return None, [
            DataError(
                file,
                0,
                0,
                "",
                "the file is empty. Fill it in (`stackguides new` writes a template) or delete it.",
            )
        ]
    document = SourceDocument(file, None, text, numbered_texts=[])
    builder = _Builder(document, text)
    document.data = builder.build(root, (), 0)
    if builder.errors:
        return None, builder.errors
    if not isinstance(document.data, dict):
        kind = "a list" if isinstance(document.data, list) else "a single value"
        return None, [
            DataError(
                file,
                1,
                1,
                "",
                f"the file must hold a mapping of `key: value` lines at the top level, got {kind}.",
            )
        ]
    return document, []
