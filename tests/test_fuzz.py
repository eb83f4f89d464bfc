"""Fuzzing the loader and validator: whatever a data file holds, loading ends well.

"Ends well" means one of two outcomes and nothing else: a valid catalog, or a
``DataErrors`` whose every error names a file under ``data/`` and, when it gives
a line, a line that exists in that file. Never another exception, never a crash
of the interpreter, never a hang.

Every load runs in a disposable child process (:class:`Sandbox`): libyaml is C
code, so a stack overflow kills the process instead of raising, and a runaway
loop in C cannot be interrupted from Python. The child's death or silence is
reported as a test failure with its exit code and stderr, and the next example
gets a fresh child.

Counts of what was tried are printed by the last test (visible with or without
``-s``).
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import json
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from stackguides.errors import DataError
from stackguides.load.yaml_document import MAX_DEPTH, MAX_FILE_BYTES, load_document
from stackguides.validate.models import DataModel

from conftest import FIXTURE_DATA, ROOT

pytestmark = pytest.mark.slow  # thousands of loads in child processes

REAL_DATA = ROOT / "data"
HANG_SECONDS = 20  # a load that says nothing for this long is a hang
LOADS: Counter[str] = Counter()  # catalog loads per property (every example, shrinking included)
VARIANTS: Counter[str] = Counter()  # mutations and alias placements drawn, per kind

NESTING_MESSAGE = f"nested more than {MAX_DEPTH} levels deep"
SIZE_MESSAGE = f"data files are limited to {MAX_FILE_BYTES:,} bytes"
ALIAS_MESSAGE = "YAML anchors and aliases (&name / *name) are not allowed"
MERGE_MESSAGE = "merge keys (<<) are not allowed"
KEY_MESSAGE = "a key must be a plain word"

FIXTURE_FILES = sorted(path.relative_to(FIXTURE_DATA).as_posix() for path in FIXTURE_DATA.rglob("*.yml"))
REAL_FILES = sorted(path.relative_to(REAL_DATA).as_posix() for path in REAL_DATA.rglob("*.yml"))
# A new file, plus every fixture file overwritten in turn (one per kind of data).
TARGETS = ["tools/fuzzed.yml", *FIXTURE_FILES]
FIELD_NAMES = sorted({name for model in DataModel.__subclasses__() for name in model.model_fields})


@functools.cache
def original(folder: Path, relative: str) -> bytes:
    """A data file as it was when first read (the real data may be edited while tests run)."""
    return (folder / relative).read_bytes()


_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a line break


def fuzz(max_examples: int, deadline_ms: int = 5_000) -> settings:
    """Deterministic settings (same inputs on every run, no example database on disk)."""
    return settings(
        max_examples=max_examples,
        deadline=deadline_ms,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
            HealthCheck.large_base_example,
        ],
    )


# --------------------------------------------------------------------------------------------------
# Running load_catalog in a child process
# --------------------------------------------------------------------------------------------------

_WORKER = """
import dataclasses, json, sys, traceback
from pathlib import Path
from stackguides.load import load_catalog
from stackguides.errors import DataErrors

for request in sys.stdin:
    try:
        load_catalog(Path(json.loads(request)))
        reply = {"kind": "catalog"}
    except DataErrors as exc:
        reply = {"kind": "errors", "errors": [dataclasses.astuple(error) for error in exc.errors]}
    except BaseException:
        reply = {"kind": "exception", "detail": traceback.format_exc()}
    sys.stdout.write(json.dumps(reply) + "\\n")
    sys.stdout.flush()
"""


@dataclasses.dataclass
class Outcome:
    """What one load ended in: ``catalog``, ``errors``, ``exception``, ``crash`` or ``hang``."""

    kind: str
    errors: list[DataError] = dataclasses.field(default_factory=list)
    detail: str = ""

    def messages(self) -> str:
        """All error lines, for assertions and failure reports."""
        return "\n".join(str(error) for error in self.errors)


class Sandbox:
    """``load_catalog`` in a long-lived child process, restarted after a crash or a hang."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None

    def _start(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in close()
            self._process = subprocess.Popen(
                [sys.executable, "-X", "faulthandler", "-W", "error", "-c", _WORKER],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
            )
        return self._process

    def load(self, root: Path) -> Outcome:
        """Load ``root``'s catalog in the child; a dead or silent child is an outcome too."""
        process = self._start()
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(json.dumps(str(root)).encode() + b"\n")
            process.stdin.flush()
        except BrokenPipeError:
            return self._died("crash")
        ready, _, _ = select.select([process.stdout], [], [], HANG_SECONDS)
        if not ready:
            return self._died("hang")
        line = process.stdout.readline()
        if not line:
            return self._died("crash")
        reply = json.loads(line)
        return Outcome(
            reply["kind"], [DataError(*row) for row in reply.get("errors", [])], reply.get("detail", "")
        )

    def _died(self, kind: str) -> Outcome:
        """Stop the child and describe how it ended (exit code and the tail of its stderr)."""
        assert self._process is not None and self._stderr is not None
        self._process.kill()
        code = self._process.wait()
        self._stderr.seek(0)
        stderr = self._stderr.read().decode(errors="replace")[-3000:]
        self.close()
        return Outcome(kind, detail=f"exit code {code}\n{stderr}")

    def close(self) -> None:
        """End the child (if running) and release its pipes."""
        if self._process is not None:
            for pipe in (self._process.stdin, self._process.stdout):
                if pipe is not None:
                    pipe.close()
            if self._process.poll() is None:
                try:
                    self._process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self._process.kill()
                    self._process.wait()
            self._process = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    """One child process for the whole module (a fresh one after each crash)."""
    box = Sandbox()
    yield box
    box.close()


@pytest.fixture(scope="module")
def fixture_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the small good fixture, shared by the module; examples restore what they change."""
    root = tmp_path_factory.mktemp("fuzz-fixture")
    shutil.copytree(FIXTURE_DATA, root / "data")
    return root


@pytest.fixture(scope="module")
def real_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real data folder, shared by the module; examples restore what they change."""
    root = tmp_path_factory.mktemp("fuzz-real")
    for relative in REAL_FILES:
        (root / "data" / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / "data" / relative).write_bytes(original(REAL_DATA, relative))
    return root


# --------------------------------------------------------------------------------------------------
# The property every test checks
# --------------------------------------------------------------------------------------------------


@contextmanager
def written(root: Path, relative: str, raw: bytes) -> Iterator[None]:
    """``data/<relative>`` holds ``raw`` for the duration; then the original comes back."""
    path = root / "data" / relative
    before = path.read_bytes() if path.exists() else None
    path.write_bytes(raw)
    try:
        yield
    finally:
        if before is None:
            path.unlink()
        else:
            path.write_bytes(before)


def line_count(raw: bytes) -> int:
    """How many lines YAML sees in a file (a final line without a break counts)."""
    return len(_LINE_BREAK.findall(raw.decode("utf-8-sig", errors="replace"))) + 1


def assert_located(root: Path, error: DataError) -> None:
    """The error names a data file and, if it gives a line, a line of that file."""
    assert error.file.startswith("data/"), f"error outside data/: {error!r}"
    if error.line > 0:
        path = root / error.file
        assert path.is_file(), f"error with a line in something that is not a file: {error!r}"
        assert error.line <= line_count(path.read_bytes()), f"line past the end of the file: {error!r}"
        assert error.column >= 1, f"line without a column: {error!r}"
    else:
        assert error.line == 0 and error.column == 0, f"a column without a line: {error!r}"


def load_with(sandbox: Sandbox, root: Path, relative: str, raw: bytes) -> Outcome:
    """Load the catalog with ``raw`` as ``data/<relative>``: a catalog or located errors, only in that file."""
    with written(root, relative, raw):
        outcome = sandbox.load(root)
        assert outcome.kind in ("catalog", "errors"), f"{outcome.kind}:\n{outcome.detail}"
        if outcome.kind == "errors":
            assert outcome.errors, "DataErrors without any error"
            for error in outcome.errors:
                assert_located(root, error)
            blamed = {error.file for error in outcome.errors}
            assert blamed == {f"data/{relative}"}, f"errors outside the changed file:\n{outcome.messages()}"
    return outcome


# --------------------------------------------------------------------------------------------------
# Strategies
# --------------------------------------------------------------------------------------------------

TRICKY_TEXT = [
    "no", "yes", "on", "3.10", "1:20", "0x_", ".inf", "~", "null", "2026-02-31", "2026-11-01 10:00:00",
    "web-frameworks", "fastapi", "Fast_API", ">=1,<2", "===", "~=1", "1.0", "https://example.com/",
    "javascript:alert(1)", "jav&#97;script:1", "[x](javascript:alert(1))", "[x]: data:text/html,1",
    "<script>alert(1)</script>", "`" * 3000, "```\ncode\n", "a\nb", " ", "", "\t", "\x00", "\ufeff",
]  # fmt: skip


def long_text(max_length: int) -> st.SearchStrategy[str]:
    """One character repeated, often at or just past a field's length limit."""
    limits = st.sampled_from([60, 61, 64, 65, 100, 101, 200, 201, 300, 301, 500, 501, 4000, 4001, 5000, 5001])
    return st.builds(lambda char, n: char * n, st.characters(), limits | st.integers(0, max_length))


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.dates(),
    st.datetimes(),
    st.text(max_size=40),
    st.sampled_from(TRICKY_TEXT),
    long_text(6_000),
)
KEYS = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12), st.integers(), st.booleans(), st.dates())
TREES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=12,
)


@st.composite
def values(draw: st.DrawFn) -> Any:
    """A random tree, sometimes wrapped up to 40 levels deep in lists and mappings."""
    value = draw(TREES)
    for wrap_in_list in draw(st.lists(st.booleans(), max_size=40)):
        value = [value] if wrap_in_list else {draw(KEYS): value}
    return value


@st.composite
def yaml_documents(draw: st.DrawFn) -> bytes:
    """A random value (usually a mapping, as data files are) dumped by yaml.safe_dump."""
    document = draw(st.dictionaries(KEYS, values(), max_size=6) | values())
    text = yaml.safe_dump(
        document,
        default_flow_style=draw(st.sampled_from([False, True, None])),
        allow_unicode=draw(st.booleans()),
        sort_keys=False,
        width=draw(st.sampled_from([80, 10_000])),
    )
    return text.encode()


def _paths(value: Any, path: tuple = ()) -> Iterator[tuple]:
    """Every path into a loaded document, the root included."""
    yield path
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in items:
        yield from _paths(child, path + (key,))


@st.composite
def edited_documents(draw: st.DrawFn) -> tuple[str, bytes]:
    """A good fixture file with one value replaced (or removed) at a random path, then re-dumped."""
    relative = draw(st.sampled_from(FIXTURE_FILES))
    document = yaml.safe_load(original(FIXTURE_DATA, relative))
    path = draw(st.sampled_from(list(_paths(document))[1:]))
    parent = document
    for part in path[:-1]:
        parent = parent[part]
    if draw(st.booleans()):
        parent[path[-1]] = draw(values())
    else:
        del parent[path[-1]]
    return relative, yaml.safe_dump(document, sort_keys=False, allow_unicode=True).encode()


YAML_ALPHABET = st.sampled_from(
    list("-:?[]{},&*!|>'\"%@`# \t\n\r\x00\x85\ufeff\u2028ab1.") + ["\xe9", "\U0001f600"]
)
TEXTS = st.text() | st.text(YAML_ALPHABET) | st.text(YAML_ALPHABET, min_size=200, max_size=2000)
BOMS = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb"])
BYTES = st.builds(bytes.__add__, BOMS, st.binary())


# --------------------------------------------------------------------------------------------------
# 1. Random YAML documents
# --------------------------------------------------------------------------------------------------


@fuzz(max_examples=300)
@given(relative=st.sampled_from(TARGETS), raw=yaml_documents())
def test_random_yaml_documents_end_in_a_catalog_or_located_errors(
    sandbox: Sandbox, fixture_root: Path, relative: str, raw: bytes
):
    """Any value yaml.safe_dump can write, as any data file, is a catalog or located errors."""
    LOADS["1. random YAML documents"] += 1
    outcome = load_with(sandbox, fixture_root, relative, raw)
    if relative == "tools/fuzzed.yml":
        assert outcome.kind == "errors"


@fuzz(max_examples=200)
@given(edited=edited_documents())
def test_good_files_with_a_random_value_swapped_in_are_caught(
    sandbox: Sandbox, fixture_root: Path, edited: tuple[str, bytes]
):
    """Replacing or removing one value of a good file never gets past the validator unlocated."""
    LOADS["1. good files with one value swapped"] += 1
    relative, raw = edited
    load_with(sandbox, fixture_root, relative, raw)


# --------------------------------------------------------------------------------------------------
# 2. Random text and bytes
# --------------------------------------------------------------------------------------------------


@fuzz(max_examples=300)
@given(relative=st.sampled_from(TARGETS), text=TEXTS)
def test_random_text_ends_in_located_errors(sandbox: Sandbox, fixture_root: Path, relative: str, text: str):
    """Any text (control characters, BOMs, tabs, YAML punctuation) is refused with located errors."""
    LOADS["2. random text"] += 1
    outcome = load_with(sandbox, fixture_root, relative, text.encode("utf-8", errors="surrogatepass"))
    assert outcome.kind == "errors"


@fuzz(max_examples=300)
@given(relative=st.sampled_from(TARGETS), raw=BYTES)
def test_random_bytes_end_in_located_errors(sandbox: Sandbox, fixture_root: Path, relative: str, raw: bytes):
    """Any bytes (invalid UTF-8, UTF-16 BOMs, NUL) are refused with located errors."""
    LOADS["2. random bytes"] += 1
    outcome = load_with(sandbox, fixture_root, relative, raw)
    assert outcome.kind == "errors"


# --------------------------------------------------------------------------------------------------
# 3. Mutations of the real data files
# --------------------------------------------------------------------------------------------------

_KEY_VALUE = re.compile(rb"^(?P<key>[ \t]*(?:- )?[\w-]+:)[ \t]+(?P<value>\S.*?)(?P<end>\r?\n?)$", re.M)
REPLACEMENTS = st.sampled_from(
    [
        b"{a: 1}", b"[1, 2]", b"{}", b"[]", b"[[[]]]", b"{name: x, url: y}", b"\n  - x\n  - y", b"\n  k: v",
        b"no", b"3.10", b"2026-02-31", b"~", b"0x_", b"1:20", b".nan", b"&a x", b"*a", b"!!binary aGk=",
        b"!!python/object/apply:os.system [id]", b"!custom x", b'"unterminated', b"'x''y'", b"|", b">-",
        b"@x", b"%x", b"`x`", b"- x", b"? x", b"x: y: z", b"[x](javascript:alert(1))", b"<b>x</b>",
    ]
)  # fmt: skip


def _line_index(draw: st.DrawFn, lines: list[bytes]) -> int:
    return draw(st.integers(0, max(len(lines) - 1, 0)))


def delete_line(draw: st.DrawFn, raw: bytes) -> bytes:
    """Remove one line."""
    lines = raw.splitlines(keepends=True)
    index = _line_index(draw, lines)
    return b"".join(lines[:index] + lines[index + 1 :])


def duplicate_line(draw: st.DrawFn, raw: bytes) -> bytes:
    """Repeat one line (often a repeated key)."""
    lines = raw.splitlines(keepends=True)
    index = _line_index(draw, lines)
    return b"".join(lines[: index + 1] + lines[index:])


def reindent_line(draw: st.DrawFn, raw: bytes) -> bytes:
    """Add or remove leading spaces on one line, or indent it with a tab."""
    lines = raw.splitlines(keepends=True) or [b""]
    index = _line_index(draw, lines)
    body = lines[index].lstrip(b" ")
    indent = len(lines[index]) - len(body)
    new_indent = draw(
        st.sampled_from([b"\t", b" \t"]) | st.integers(-4, 4).map(lambda d: b" " * (indent + d))
    )
    lines[index] = new_indent + body
    return b"".join(lines)


def truncate(draw: st.DrawFn, raw: bytes) -> bytes:
    """Cut the file at a random byte (possibly inside a UTF-8 sequence)."""
    return raw[: draw(st.integers(0, len(raw)))]


def insert_bytes(draw: st.DrawFn, raw: bytes) -> bytes:
    """Insert a few random bytes at a random position."""
    at = draw(st.integers(0, len(raw)))
    return raw[:at] + draw(st.binary(min_size=1, max_size=16)) + raw[at:]


def _replace_value(draw: st.DrawFn, raw: bytes, replacement: bytes) -> bytes:
    matches = list(_KEY_VALUE.finditer(raw))
    if not matches:
        return raw
    match = draw(st.sampled_from(matches))
    return raw[: match.start("value")] + replacement + raw[match.end("value") :]


def replace_scalar(draw: st.DrawFn, raw: bytes) -> bytes:
    """Write a mapping, a list, a tag, an alias or an unquoted YAML trap where a value was."""
    return _replace_value(draw, raw, draw(REPLACEMENTS))


def lengthen_scalar(draw: st.DrawFn, raw: bytes) -> bytes:
    """Replace a value by a very long string, around the field limits and past the file limit."""
    return _replace_value(
        draw, raw, draw(long_text(MAX_FILE_BYTES + 1_000)).encode("utf-8", errors="surrogatepass")
    )


MUTATIONS: dict[str, Callable[[st.DrawFn, bytes], bytes]] = {
    "delete a line": delete_line,
    "duplicate a line": duplicate_line,
    "re-indent a line": reindent_line,
    "truncate": truncate,
    "insert bytes": insert_bytes,
    "replace a scalar": replace_scalar,
    "very long string": lengthen_scalar,
}


@st.composite
def mutated_real_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A real data file with one to three random mutations applied in turn."""
    relative = draw(st.sampled_from(REAL_FILES))
    raw = original(REAL_DATA, relative)
    for name in draw(st.lists(st.sampled_from(sorted(MUTATIONS)), min_size=1, max_size=3)):
        raw = MUTATIONS[name](draw, raw)
        VARIANTS[f"mutation: {name}"] += 1
    return relative, raw


@fuzz(max_examples=150, deadline_ms=10_000)
@given(mutated=mutated_real_files())
def test_mutated_real_files_end_in_a_catalog_or_located_errors(
    sandbox: Sandbox, real_root: Path, mutated: tuple[str, bytes]
):
    """Any mutation of a real file gives a catalog or errors located in that file only."""
    LOADS["3. mutated real files"] += 1
    relative, raw = mutated
    load_with(sandbox, real_root, relative, raw)


@st.composite
def cut_real_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A real file cut short at a byte that is not a line break (no final newline)."""
    relative = draw(st.sampled_from(REAL_FILES))
    raw = original(REAL_DATA, relative)
    at = draw(st.integers(1, len(raw)))
    return relative, raw[:at].rstrip(b"\r\n")


@fuzz(max_examples=200)
@given(cut=cut_real_files())
def test_errors_at_the_end_of_a_cut_file_point_at_one_of_its_lines(
    sandbox: Sandbox, fixture_root: Path, cut: tuple[str, bytes]
):
    """A real file cut short, without a final line break, gets its errors on its own lines.

    The cut file goes into the small fixture (the errors it may cause are all its own), which
    keeps each example fast.

    Found while fuzzing (fixed since in yaml_source._syntax_error): libyaml marks a syntax
    error at the end of the stream on column 1 of the line after the last one, and that mark
    was reported as is: the one-line file `name: [` got `...:2:1: YAML syntax error: did not
    find expected node content`, a line the file does not have.
    """
    LOADS["3. real files cut without a final newline"] += 1
    relative, raw = cut
    load_with(sandbox, fixture_root, relative, raw)


# --------------------------------------------------------------------------------------------------
# 4. Deep nesting
# --------------------------------------------------------------------------------------------------


def _flow(opening: str, n: int, leaf: str = "") -> str:
    """n nested flow collections, opening brackets taken in turn from ``opening``."""
    opened = "".join(opening[i % len(opening)] for i in range(n))
    return opened + leaf + opened[::-1].translate(str.maketrans("[{", "]}"))


NESTING_SHAPES: dict[str, Callable[[int], str]] = {
    "flow lists": lambda n: _flow("[", n),
    "flow mappings": lambda n: _flow("{", n),
    "mixed flow": lambda n: _flow("[{", n),
    # A scalar at the bottom: with an empty innermost list, 16 lists under a key (17 levels, but
    # only 16 `[`) pass both guards, which disagree by one level on empty collections (harmless).
    "flow lists under a key": lambda n: "name: " + _flow("[", n - 1, "x") if n else "name: x",
    # Compact block nesting holds no bracket: the guard must look for it too (see the test).
    "block lists": lambda n: "- " * n + "x\n",
    "block lists under a key": lambda n: "name:\n" + "- " * (n - 1) + "x\n" if n else "name: x\n",
    "block complex keys": lambda n: "? " * n + "x\n",
}


@pytest.mark.parametrize("shape", NESTING_SHAPES)
@fuzz(max_examples=40)
@example(n=0)
@example(n=MAX_DEPTH - 1)
@example(n=MAX_DEPTH)
@example(n=MAX_DEPTH + 1)
@example(n=MAX_DEPTH + 2)
@example(n=100_000)
@example(n=MAX_FILE_BYTES // 2)
@example(n=MAX_FILE_BYTES // 2 + 1)
@example(n=200_000)
@given(n=st.integers(0, 4 * MAX_DEPTH) | st.integers(0, 200_000))
def test_deep_nesting_is_refused_without_crashing(sandbox: Sandbox, fixture_root: Path, shape: str, n: int):
    """n nested collections: the nesting error above the limit, no such error at or below it.

    Found while fuzzing (fixed since in yaml_source._depth_error): the guard only ran when
    the text held more than MAX_DEPTH `[` or `{`, so compact block nesting (`- - - ... x`,
    `? ? ? ... x`) went straight to libyaml's recursive composer, which overflowed the C
    stack and killed the process (SIGSEGV, exit code -11) from about 25,000 levels: a 50 KB
    file, well under the 256 KB limit. Each shape is checked just around the limit, at
    100,000 levels, and around the file size limit.
    """
    LOADS[f"4. deep nesting ({shape})"] += 1
    raw = NESTING_SHAPES[shape](n).encode()
    outcome = load_with(sandbox, fixture_root, "tools/deep.yml", raw)
    report = outcome.messages()
    if len(raw) > MAX_FILE_BYTES:
        assert SIZE_MESSAGE in report
    elif n > MAX_DEPTH:
        # A complex key is refused as a key before the builder looks inside it.
        accepted = (NESTING_MESSAGE, KEY_MESSAGE) if "keys" in shape else (NESTING_MESSAGE,)
        assert any(message in report for message in accepted), report
    else:
        assert NESTING_MESSAGE not in report, report


# --------------------------------------------------------------------------------------------------
# 5. Anchors and aliases
# --------------------------------------------------------------------------------------------------


@st.composite
def billion_laughs(draw: st.DrawFn) -> bytes:
    """Each level an anchored collection of aliases to the level below, in flow or block style."""
    depth, width = draw(st.integers(1, 12)), draw(st.integers(1, 12))
    block, as_mapping = draw(st.booleans()), draw(st.booleans())
    lines = ['l0: &l0 ["lol"]']
    for level in range(1, depth + 1):
        items = [f"*l{level - 1}"] * width
        if as_mapping:
            items = [f"k{i}: {item}" for i, item in enumerate(items)]
        if block:
            marker = "" if as_mapping else "- "
            body = "".join(f"\n  {marker}{item}" for item in items)
            lines.append(f"l{level}: &l{level}{body}")
        else:
            opening, closing = ("{", "}") if as_mapping else ("[", "]")
            lines.append(f"l{level}: &l{level} {opening}{', '.join(items)}{closing}")
    return ("\n".join(lines) + "\n").encode()


ALIAS_USES = {
    "as a new top-level value": lambda body: body + "extra: *fuzz\n",
    "as a list item": lambda body: body + "extra:\n  - a\n  - *fuzz\n",
    "inside a flow list": lambda body: body + "extra: [1, *fuzz]\n",
    "inside a flow mapping": lambda body: body + "extra: {a: *fuzz}\n",
    "as a merge key": lambda body: body + "extra:\n  <<: *fuzz\n",
    "nested two levels down": lambda body: body + "extra:\n  a:\n    - b: *fuzz\n",
}
# Mapping keys are read apart from values, so they need their own alias check (see the test).
ALIAS_KEY_USES = {
    "alias as a key": lambda body: body + "*fuzz : v\n",
    "alias as a key in a flow mapping": lambda body: body + "extra: {*fuzz : v}\n",
    "anchored key used as a value": lambda body: body + "&key extra: 1\nother: *key\n",
}


@functools.cache
def anchor_points(relative: str) -> list[int]:
    """Offsets in a fixture file where `&fuzz ` anchors a value (not text inside a block scalar)."""
    text = original(FIXTURE_DATA, relative).decode()
    points = []
    for match in _KEY_VALUE.finditer(text.encode()):
        at = len(text.encode()[: match.start("value")].decode())
        try:
            events = list(yaml.parse(text[:at] + "&fuzz " + text[at:], Loader=yaml.CSafeLoader))
        except yaml.YAMLError:
            continue
        if any(getattr(event, "anchor", None) == "fuzz" for event in events):
            points.append(at)
    return points


@st.composite
def anchored_files(draw: st.DrawFn, uses: dict[str, Callable[[str], str]]) -> tuple[str, bytes]:
    """A good fixture file with `&fuzz` on one of its values and `*fuzz` used after it."""
    relative = draw(st.sampled_from(FIXTURE_FILES))
    text = original(FIXTURE_DATA, relative).decode()
    at = draw(st.sampled_from(anchor_points(relative)))
    use = draw(st.sampled_from(sorted(uses)))
    VARIANTS[f"alias use: {use}"] += 1
    return relative, uses[use](text[:at] + "&fuzz " + text[at:]).encode()


@fuzz(max_examples=100, deadline_ms=2_000)
@given(raw=billion_laughs())
def test_billion_laughs_fail_fast_with_the_alias_message(sandbox: Sandbox, fixture_root: Path, raw: bytes):
    """Nested alias bombs (up to 12**12 expanded items) are refused without expanding."""
    LOADS["5. billion laughs"] += 1
    outcome = load_with(sandbox, fixture_root, "tools/laughs.yml", raw)
    assert ALIAS_MESSAGE in outcome.messages()


@fuzz(max_examples=150, deadline_ms=2_000)
@given(data=st.data())
def test_aliases_in_any_value_position_are_refused(sandbox: Sandbox, fixture_root: Path, data: st.DataObject):
    """An alias to any anchored value of a good file, used anywhere as a value, is an error."""
    LOADS["5. aliases in value positions"] += 1
    relative, raw = data.draw(anchored_files(ALIAS_USES))
    outcome = load_with(sandbox, fixture_root, relative, raw)
    report = outcome.messages()
    assert ALIAS_MESSAGE in report or MERGE_MESSAGE in report, report


@fuzz(max_examples=30, deadline_ms=2_000)
@given(data=st.data())
def test_aliases_as_mapping_keys_are_refused(sandbox: Sandbox, fixture_root: Path, data: st.DataObject):
    """An alias used as a mapping key is refused like any other alias.

    Found while fuzzing (fixed since in yaml_source._Builder._mapping): key nodes did not go
    through the seen-node check, so `a: &x k` + `*x : v` loaded as {"a": "k", "k": "v"}
    and `&x k: v` + `other: *x` as {"k": "v", "other": "k"}, silently.
    """
    LOADS["5. aliases in key positions"] += 1
    relative, raw = data.draw(anchored_files(ALIAS_KEY_USES))
    outcome = load_with(sandbox, fixture_root, relative, raw)
    report = outcome.messages()
    assert ALIAS_MESSAGE in report or KEY_MESSAGE in report, report


# --------------------------------------------------------------------------------------------------
# 6. Time: a field's validation is never slow, whatever its text
# --------------------------------------------------------------------------------------------------

FIELDS = 5  # answers holding the text; a linear check of all five takes milliseconds
FIELDS_SECONDS = 1.5  # generous for a busy CI machine, far below what backtracking costs
MARKDOWN_CHARS = st.sampled_from(list("`~[]()<>!:*_-#&;'\" \n\\a"))


@fuzz(max_examples=60, deadline_ms=None)
@example(unit="`", n=4999, tail="a")
@given(
    unit=st.text(MARKDOWN_CHARS, min_size=1, max_size=4),
    n=st.integers(1, 5000),
    tail=st.text(MARKDOWN_CHARS, max_size=2),
)
def test_a_markdown_field_validates_quickly_whatever_it_holds(
    sandbox: Sandbox, fixture_root: Path, unit: str, n: int, tail: str
):
    """FAQ answers of up to 5,000 characters (``unit`` repeated, then ``tail``) are checked fast.

    Found while fuzzing (fixed since in markdown_text): the old code-span regex,
    r"(`+).+?\\4", backtracked cubically on a long run of backticks that is never closed: one
    answer of 4,999 backticks and an "a" took 1-2.5 s to validate, and a 252 KB FAQ file of
    50 such answers (valid, under the size limit) took about 100 s to load, then as long
    again to render (escape_markdown split code with the same regex).
    """
    LOADS["6. timed Markdown fields"] += 1
    text = (unit * n)[: 5000 - len(tail)] + tail
    document = yaml.safe_load(original(FIXTURE_DATA, "faqs/python-backend-faq.yml"))
    document["questions"] = [{"question": f"Question {i}?", "answer": text} for i in range(FIELDS)]
    raw = yaml.safe_dump(document, sort_keys=False, allow_unicode=True).encode()
    started = time.perf_counter()
    load_with(sandbox, fixture_root, "faqs/python-backend-faq.yml", raw)
    elapsed = time.perf_counter() - started
    assert elapsed < FIELDS_SECONDS, (
        f"{elapsed:.2f} s to validate {FIELDS} answers of {len(text):,} characters"
    )


# --------------------------------------------------------------------------------------------------
# 7. Memory: nothing is kept from one load to the next
# --------------------------------------------------------------------------------------------------


def test_loading_keeps_nothing_between_files():
    """Loading the same file again and again does not make the process grow.

    Not a fuzzing property, but found while looking into slow loads during long fuzzing runs.
    Regression guard, for a bug this file found (now fixed): yaml_source._Builder._scalar converts
    numbers, booleans and dates with the module-level ``_constructor``, and
    SafeConstructor.construct_object caches every node it sees in ``constructed_objects``,
    which is only reset by construct_document (never called here). Every load keeps its
    non-text scalar nodes, with their marks, for the life of the process: about 500 nodes and
    180 KB per load of the real catalog, so `mkdocs serve` grows (and its full garbage
    collections slow down) on every rebuild. Here: about 7.5 MB kept after 20 loads.
    """
    raw = ("numbers: [" + ", ".join(str(number) for number in range(1000)) + "]\n").encode()
    load_document("data/tools/numbers.yml", raw)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for _ in range(20):
            load_document("data/tools/numbers.yml", raw)
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 500_000, f"{kept:,} bytes kept after loading the same file 20 times"


# --------------------------------------------------------------------------------------------------
# Counts
# --------------------------------------------------------------------------------------------------


def test_report_the_number_of_inputs_tried(capsys: pytest.CaptureFixture[str]):
    """Print how many loads each property ran and which variants were drawn (runs last here)."""
    if not LOADS:
        pytest.skip("no fuzzing test ran before this one")
    width = max(map(len, [*LOADS, *VARIANTS]))
    with capsys.disabled():
        print("\n\nFuzzing: catalog loads per property (shrinking included)")
        print("\n".join(f"  {name:<{width}}  {count:>6,}" for name, count in sorted(LOADS.items())))
        print(f"  {'total':<{width}}  {sum(LOADS.values()):>6,}")
        print("Variants drawn")
        print("\n".join(f"  {name:<{width}}  {count:>6,}" for name, count in sorted(VARIANTS.items())))
    assert all(count > 0 for count in LOADS.values())
