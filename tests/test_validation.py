"""Validation: one good fixture, one bad fixture per rule, asserting the exact message."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

from stackguides.errors import DataErrors
from stackguides.load import load_catalog, loader
from stackguides.load.files import find_data_files

from conftest import FIXTURE_DATA, write

TOOL = (FIXTURE_DATA / "tools" / "fastapi.yml").read_text()
FLASK = (FIXTURE_DATA / "tools" / "flask.yml").read_text()
CATEGORY = (FIXTURE_DATA / "categories" / "web-frameworks.yml").read_text()


def errors_for(tmp_path: Path, relative: str, content: str | bytes) -> list[str]:
    """Copy the good fixture, write one file, and return the validation errors."""
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    write(tmp_path / "data", relative, content)
    with pytest.raises(DataErrors) as caught:
        load_catalog(tmp_path)
    return [str(error) for error in caught.value.errors]


def test_the_good_fixture_loads_completely():
    """Every fixture file becomes an entry: records loaded == files on disk."""
    catalog = load_catalog(FIXTURE_DATA.parent)
    for kind in ("categories", "tools", "comparisons", "costs", "guides", "faqs"):
        on_disk = {path.stem for path in (FIXTURE_DATA / kind).glob("*.yml")}
        assert set(catalog.of_kind(kind)) == on_disk, kind


CASES = {
    "yaml syntax error": (
        "tools/fastapi.yml",
        TOOL.replace("summary: An", "summary: [An"),
        "data/tools/fastapi.yml:4:9: YAML syntax error: did not find expected ',' or ']'",
    ),
    "unknown key with suggestion": (
        "tools/fastapi.yml",
        TOOL.replace("pros:", "prso:"),
        "data/tools/fastapi.yml:5:1: prso: unknown key `prso`: did you mean `pros`?",
    ),
    "missing required key": (
        "tools/fastapi.yml",
        TOOL.replace("best_for: JSON APIs and AI backends that wait on I/O.\n", ""),
        "data/tools/fastapi.yml:1:1: best_for: the required key `best_for` is missing; add it",
    ),
    "wrong type in a list": (
        "tools/fastapi.yml",
        TOOL.replace("  - Async handlers serve", "  - text: Async handlers serve"),
        "data/tools/fastapi.yml:8:5: pros[2]: expected text, got a mapping",
    ),
    "repeated key": (
        "tools/fastapi.yml",
        TOOL + "license: Apache-2.0\n",
        "data/tools/fastapi.yml:40:1: license: the key `license` appears twice in this mapping "
        "(first on line 20); YAML would silently keep only the last one.",
    ),
    "3.10 read as a float": (
        "tools/fastapi.yml",
        TOOL.replace('version: ">=0.165,<0.200"', "version: 3.10").replace("  pypi: fastapi\n", ""),
        "version: expected text, got the number 3.1 (YAML reads an unquoted `3.10` as a number); "
        'quote it to keep it as written: "3.10"',
    ),
    "no read as a boolean": (
        "tools/fastapi.yml",
        TOOL.replace("license: MIT", "license: no"),
        "license: expected text, got the boolean false (YAML reads an unquoted `no` as false); "
        'if you meant the text, quote it: "no"',
    ),
    "date in a text field": (
        "tools/fastapi.yml",
        TOOL.replace("license: MIT", "license: 2026-11-01"),
        "license: expected text, got a date (YAML reads an unquoted `2026-11-01` as a date)",
    ),
    "unknown category with nearest id": (
        "tools/fastapi.yml",
        TOOL.replace("category: web-frameworks", "category: web-framework"),
        "data/tools/fastapi.yml:2:11: category: unknown category `web-framework`: "
        "did you mean `web-frameworks`?",
    ),
    "unknown alternative": (
        "tools/fastapi.yml",
        TOOL.replace("alternatives: [django, flask]", "alternatives: [djang, flask]"),
        "alternatives[0]: unknown tool `djang`: did you mean `django`?",
    ),
    "verdict outside the scale": (
        "tools/fastapi.yml",
        TOOL.replace("verdict: recommended", "verdict: recomended"),
        "verdict: expected one of: recommended, solid, legacy, avoid; got `recomended`: "
        "did you mean `recommended`?",
    ),
    "recommended tool without a reason": (
        "tools/fastapi.yml",
        "".join(line for line in TOOL.splitlines(keepends=True) if not line.startswith("verdict_reason:")),
        "data/tools/fastapi.yml:1:1: verdict_reason: the required key `verdict_reason` is missing; add it. "
        "One line in this tool's own words: why it gets its verdict and what that means for the reader's choice",
    ),
    "legacy tool without a reason": (
        "tools/flask.yml",
        "".join(line for line in FLASK.splitlines(keepends=True) if not line.startswith("verdict_reason:")),
        "data/tools/flask.yml:1:1: verdict_reason: the required key `verdict_reason` is missing; add it.",
    ),
    "empty reason": (
        "tools/fastapi.yml",
        re.sub(r"(?m)^verdict_reason: .*$", 'verdict_reason: ""', TOOL),
        "data/tools/fastapi.yml:22:17: verdict_reason: is empty; write this (it is required",
    ),
    "category pick from another category": (
        "categories/web-frameworks.yml",
        CATEGORY.replace("  - tool: fastapi", "  - tool: postgresql"),
        "data/categories/web-frameworks.yml:7:11: picks[0].tool: `postgresql` is in the category `databases`, "
        "not `web-frameworks`; pick a tool of this category",
    ),
    "category pick that is not recommended": (
        "categories/web-frameworks.yml",
        CATEGORY.replace("  - tool: fastapi", "  - tool: flask").replace("  tool: flask", "  tool: fastapi"),
        "data/categories/web-frameworks.yml:7:11: picks[0].tool: `flask` has the verdict `solid`; a pick must be "
        "`recommended` (change its verdict, or name it as `runner_up`)",
    ),
    "category pick that is an unknown tool": (
        "categories/web-frameworks.yml",
        CATEGORY.replace("  - tool: fastapi", "  - tool: fastapy"),
        "data/categories/web-frameworks.yml:7:11: picks[0].tool: unknown tool `fastapy`: did you mean `fastapi`?",
    ),
    "category without picks": (
        "categories/web-frameworks.yml",
        re.sub(r"picks:\n(  .*\n)+", "", CATEGORY),
        "data/categories/web-frameworks.yml:1:1: picks: the required key `picks` is missing; add it. "
        "The tools this category recommends first",
    ),
    "category with an empty list of picks": (
        "categories/web-frameworks.yml",
        re.sub(r"picks:\n(  .*\n)+", "picks: []\n", CATEGORY),
        "data/categories/web-frameworks.yml:6:8: picks: needs at least 1 item, has 0",
    ),
    "category without a runner-up": (
        "categories/web-frameworks.yml",
        re.sub(r"runner_up:\n(  .*\n)+", "", CATEGORY),
        "data/categories/web-frameworks.yml:6:1: runner_up: this category has 3 tools but no `runner_up`; name "
        'the best of the other tools (`flask`) and why a reader might choose it instead: `runner_up: {tool: flask, why: "..."}`',
    ),
    "runner-up that is already a pick": (
        "categories/web-frameworks.yml",
        CATEGORY.replace("  tool: flask", "  tool: django"),
        "data/categories/web-frameworks.yml:12:9: runner_up.tool: `django` is already a pick; name the next best "
        "tool as runner-up",
    ),
    "version that pip cannot read": (
        "tools/fastapi.yml",
        TOOL.replace('version: ">=0.165,<0.200"', 'version: ">=0.165,<<1"'),
        "version: `>=0.165,<<1` is not a pip version constraint",
    ),
    "javascript link": (
        "tools/fastapi.yml",
        TOOL.replace("home: https://fastapi.tiangolo.com/", "home: javascript:alert(1)"),
        "links.home: expected a web address starting with https:// (or http://)",
    ),
    "raw html in text": (
        "tools/fastapi.yml",
        TOOL.replace("  - No ORM or admin built in.", "  - No ORM <script>alert(1)</script>"),
        "data/tools/fastapi.yml:10:5: cons[0]: raw HTML (`<script>`) is not allowed",
    ),
    "javascript link hidden behind an entity": (
        "faqs/python-backend-faq.yml",
        (FIXTURE_DATA / "faqs" / "python-backend-faq.yml")
        .read_text()
        .replace("Rarely for web backends", "Rarely for [web backends](jav&#97;script:alert(1))"),
        "questions[1].answer: the link `jav&#97;script:alert(1)` uses the `javascript:` scheme",
    ),
    "comparison row missing a tool": (
        "comparisons/django-fastapi-flask.yml",
        (FIXTURE_DATA / "comparisons" / "django-fastapi-flask.yml")
        .read_text()
        .replace("      flask: Small services and prototypes\n", ""),
        "criteria[0].values: no value for `flask`; add `flask: ...` to this row",
    ),
    "comparison value for a tool not compared": (
        "comparisons/django-fastapi-flask.yml",
        (FIXTURE_DATA / "comparisons" / "django-fastapi-flask.yml")
        .read_text()
        .replace("      flask: Small services", "      flsk: Small services"),
        "criteria[0].values.flsk: `flsk` is not one of the compared tools (django, fastapi, flask): "
        "did you mean `flask`?",
    ),
    "rating off the scale": (
        "comparisons/django-fastapi-flask.yml",
        (FIXTURE_DATA / "comparisons" / "django-fastapi-flask.yml")
        .read_text()
        .replace("rating: 5", "rating: 7"),
        "criteria[1].values.flask.rating: must be at most 5; got the number 7",
    ),
    "guide layer references an unknown tool": (
        "guides/python-backend.yml",
        (FIXTURE_DATA / "guides" / "python-backend.yml")
        .read_text()
        .replace("choice: [postgresql]", "choice: [postgres]"),
        "layers[1].choice[0]: unknown tool `postgres`: did you mean `postgresql`?",
    ),
    "guide with an unknown related guide": (
        "guides/python-backend.yml",
        (FIXTURE_DATA / "guides" / "python-backend.yml")
        .read_text()
        .replace("related: []", "related: [ai-stack]"),
        "related[0]: unknown guide `ai-stack`; there is no file data/guides/ai-stack.yml",
    ),
    "guide layer without alternatives": (
        "guides/python-backend.yml",
        (FIXTURE_DATA / "guides" / "python-backend.yml")
        .read_text()
        .replace("    alternatives: [django]\n", "    alternatives: []\n"),
        "layers[1].alternatives: needs at least 1 item, has 0",
    ),
    "list below its minimum length": (
        "tools/fastapi.yml",
        TOOL.replace("  - OpenAPI documentation generated with no extra code.\n", ""),
        "data/tools/fastapi.yml:6:3: pros: needs at least 3 items, has 2; write more, each on its own line "
        "starting with `- ` at the same indentation as the others",
    ),
    "cost tier upside down": (
        "costs/python-backend-cost.yml",
        (FIXTURE_DATA / "costs" / "python-backend-cost.yml").read_text().replace("high: 65000", "high: 6500"),
        "tiers[0].high: 6500 is below `low` (25000); swap them",
    ),
    "file name that is not an id": (
        "tools/Fast_API.yml",
        TOOL,
        "data/tools/Fast_API.yml: the file name is not a valid id: use lowercase letters, digits "
        "and single hyphens, ending in .yml (for example `fast-api.yml`)",
    ),
    "reserved id": (
        "tools/a-z.yml",
        TOOL,
        "data/tools/a-z.yml: the id `a-z` is reserved for the pages of the A to Z list; "
        "rename the file (for example `a-z-tool.yml`)",
    ),
    "yaml extension": (
        "tools/httpx.yaml",
        TOOL,
        "data/tools/httpx.yaml: data files end in `.yml`; rename the file to `httpx.yml`",
    ),
    "tab indentation": (
        "tools/fastapi.yml",
        TOOL.replace("  - Validation from", "\t- Validation from"),
        "YAML syntax error: found character that cannot start any token (while scanning for the next token). Indent with spaces, not tabs.",
    ),
    "text with a colon": (
        "tools/fastapi.yml",
        TOOL.replace("license: MIT", "license: MIT: or not"),
        'A text that contains `: ` must be quoted: `key: "a: b"`.',
    ),
    "empty file": (
        "tools/empty.yml",
        "# nothing here yet\n",
        "data/tools/empty.yml: the file is empty.",
    ),
    "not utf-8": (
        "tools/latin.yml",
        TOOL.replace("MIT", "M\u00e9T").encode("latin-1"),
        "data/tools/latin.yml:20:11: the file is not valid UTF-8 (byte 0xe9). Save it with UTF-8 encoding.",
    ),
    "python tag": (
        "tools/evil.yml",
        "name: !!python/object/apply:os.system ['echo pwned']\n",
        "data/tools/evil.yml:1:7: name: the tag !!python/object/apply:os.system is not allowed",
    ),
    "anchors and aliases": (
        "tools/fastapi.yml",
        TOOL.replace("license: MIT", "license: &lic MIT\nsummary2: *lic"),
        "data/tools/fastapi.yml:20:10: YAML anchors and aliases (&name / *name) are not allowed in data files",
    ),
    "top level list": (
        "tools/list.yml",
        "- one\n- two\n",
        "data/tools/list.yml:1:1: the file must hold a mapping of `key: value` lines at the top level, got a list.",
    ),
    "unknown data folder": (
        "tool/fastapi.yml",
        TOOL,
        "data/tool: unknown data folder; the folders are: categories, tools, comparisons, costs, guides, faqs",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_each_mistake_gets_a_precise_message(tmp_path: Path, case: str):
    """The error line names file, line, column, field and a fix."""
    relative, content, expected = CASES[case]
    errors = errors_for(tmp_path, relative, content)
    assert any(expected in error for error in errors), "\n".join(errors)


def _two_broken_tools(tmp_path: Path) -> None:
    """The good fixture with three mistakes in two tools: a misspelt key and a boolean licence, a syntax error."""
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    write(
        tmp_path / "data",
        "tools/fastapi.yml",
        TOOL.replace("pros:", "prso:").replace("license: MIT", "license: no"),
    )
    write(tmp_path / "data", "tools/flask.yml", "name: [")


def test_all_errors_of_all_files_are_reported_in_one_run(tmp_path: Path):
    """Two broken files, three mistakes (a misspelt key is one, not also a missing one): all come back together."""
    _two_broken_tools(tmp_path)
    with pytest.raises(DataErrors) as caught:
        load_catalog(tmp_path)
    files = [error.file for error in caught.value.errors]
    assert files.count("data/tools/fastapi.yml") == 2  # `prso` (did you mean `pros`?) and `no`
    assert files.count("data/tools/flask.yml") == 1
    assert caught.value.report().endswith("3 errors in the data files. Fix them and run the build again.")


def test_parsing_in_workers_gives_the_same_data_and_errors_as_in_one_process(tmp_path: Path, monkeypatch):
    """Large catalogs are parsed in forked workers; what comes back is what one process finds, in order."""
    _two_broken_tools(tmp_path)
    write(tmp_path / "data", "categories/web-frameworks.yml", CATEGORY.replace("name:", "name: &a", 1))
    parse = loader._parse

    def parse_and_say_where(file):  # the workers are forked: they run this very function
        parsed = parse(file)
        parsed.parsed_in = os.getpid()  # sent back with the rest of the result
        return parsed

    monkeypatch.setattr(loader, "_parse", parse_and_say_where)
    files, _ = find_data_files(tmp_path / "data", "data")

    monkeypatch.setenv("STACKGUIDES_WORKERS", "2")
    in_workers = list(loader._parsed(files, parallel=True))
    in_one = list(loader._parsed(files, parallel=False))

    assert {parsed.parsed_in for parsed in in_one} == {os.getpid()}
    assert os.getpid() not in {parsed.parsed_in for parsed in in_workers}
    assert [(p.document and p.document.data, p.errors, p.may_link) for p in in_workers] == [
        (p.document and p.document.data, p.errors, p.may_link) for p in in_one
    ]
    with pytest.raises(DataErrors) as parallel_run:
        load_catalog(tmp_path)
    with pytest.raises(DataErrors) as serial_run:
        load_catalog(tmp_path, parallel=False)
    assert parallel_run.value.report() == serial_run.value.report()
    assert "data/categories/web-frameworks.yml:1:7" in parallel_run.value.report()  # positions found again


def test_a_broken_tool_does_not_cascade_into_unknown_references(tmp_path: Path):
    """Files that mention a tool whose own file is broken get no extra errors."""
    errors = errors_for(tmp_path, "tools/django.yml", "name: [")
    assert all(error.startswith("data/tools/django.yml") for error in errors), errors


def test_billion_laughs_fails_fast(tmp_path: Path):
    """Aliases are refused before they can expand: well under a second."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    started = time.perf_counter()
    errors = errors_for(tmp_path, "tools/laughs.yml", "\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1.0
    assert any("anchors and aliases" in error for error in errors)


def test_deep_nesting_is_refused_before_the_parser_recurses(tmp_path: Path):
    """100,000 nested lists would crash libyaml's composer; we stop at the limit."""
    errors = errors_for(tmp_path, "tools/deep.yml", "name: " + "[" * 100_000 + "]" * 100_000)
    assert any("nested more than 16 levels deep" in error for error in errors)


def test_oversized_file_is_refused(tmp_path: Path):
    """A file over the cap is refused without parsing it."""
    errors = errors_for(tmp_path, "tools/huge.yml", "name: " + "x" * 300_000)
    assert any("data files are limited to 262,144 bytes" in error for error in errors)


def test_loading_never_rewrites_data_files(tmp_path: Path):
    """Validation reads the data and never writes it, even when it fails."""
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    broken = write(tmp_path / "data", "tools/fastapi.yml", TOOL.replace("pros:", "prso:"))
    before = {path: path.read_bytes() for path in (tmp_path / "data").rglob("*.yml")}
    with pytest.raises(DataErrors):
        load_catalog(tmp_path)
    assert {path: path.read_bytes() for path in (tmp_path / "data").rglob("*.yml")} == before
    assert broken.read_text().count("prso:") == 1


def test_a_typo_in_a_comparisons_tools_is_one_error_that_suggests_the_right_id(tmp_path: Path):
    """The rows that name the tool correctly are not errors too, and nothing suggests the typo."""
    comparison = (FIXTURE_DATA / "comparisons" / "django-fastapi-flask.yml").read_text()
    typo = comparison.replace("tools: [django, fastapi, flask]", "tools: [django, fastapi, flaks]", 1)
    assert errors_for(tmp_path, "comparisons/django-fastapi-flask.yml", typo) == [
        "data/comparisons/django-fastapi-flask.yml:3:26: tools[2]: unknown tool `flaks`: did you mean `flask`?"
    ]


def test_a_tool_without_sources_is_refused(tmp_path: Path):
    """Every tool cites at least one page that backs its facts."""
    tool = (FIXTURE_DATA / "tools" / "flask.yml").read_text()
    without = tool.replace(
        "sources:\n  - title: Flask changes\n    url: https://flask.palletsprojects.com/en/stable/changes/\n",
        "",
    )
    assert without != tool
    assert errors_for(tmp_path, "tools/flask.yml", without) == [
        "data/tools/flask.yml:1:1: sources: the required key `sources` is missing; add it. At least one page "
        "that supports the facts on this entry: official docs, changelogs, release notes, pricing pages."
    ]


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("latest", "`latest` is not a version number; write the lowest release you recommend"),
        ("4.x", "`4.x` is not a version number; write the lowest release you recommend"),
        ("3.1", '`3.1` needs an operator, e.g. ">=3.1,<4"'),
        ("0.20", '`0.20` needs an operator, e.g. ">=0.20,<0.21"'),
    ],
)
def test_a_version_without_an_operator_gets_a_suggestion_that_validates(
    tmp_path: Path, version: str, message: str
):
    """Every suggested constraint parses, and a word such as `latest` gets no `>=latest`."""
    errors = errors_for(
        tmp_path, "tools/fastapi.yml", TOOL.replace('version: ">=0.165,<0.200"', f'version: "{version}"')
    )
    assert any(message in error for error in errors), errors
    for error in errors:
        for suggestion in re.findall(r'e\.g\. "([^"]+)"', error):
            SpecifierSet(suggestion)  # raises if a suggestion would not validate


def test_a_list_item_indented_deeper_is_reported_not_silently_merged(tmp_path: Path):
    """YAML folds `    - b` under `  - a` into the text `a - b`: one clear error instead of a short list."""
    merged = TOOL.replace(
        "  - OpenAPI documentation generated with no extra code.\n",
        "    - OpenAPI documentation generated with no extra code.\n",
    )
    assert errors_for(tmp_path, "tools/fastapi.yml", merged) == [
        "data/tools/fastapi.yml:7:5: pros[0]: line 7 looks like a new list item, but it is indented deeper "
        "than the value that starts on line 6, so YAML silently made it part of that text; indent its `-` "
        "like the items above it"
    ]


def test_markdown_lists_in_block_scalars_are_not_mistaken_for_merges(tmp_path: Path):
    """`notes: |` holds Markdown whose own `- ` lines are the text, not YAML items."""
    notes = TOOL.replace("reviewed:", "notes: |\n  Worth knowing:\n\n  - one\n  - two\nreviewed:", 1)
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    write(tmp_path / "data", "tools/fastapi.yml", notes)
    assert load_catalog(tmp_path).tools["fastapi"].data.notes.startswith("Worth knowing:")


def test_each_message_shows_the_offending_line_with_a_caret(tmp_path: Path):
    """As compilers do: the report prints the source line and a caret under the column."""
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    write(tmp_path / "data", "tools/fastapi.yml", TOOL.replace("pros:", "prso:"))
    with pytest.raises(DataErrors) as caught:
        load_catalog(tmp_path)
    error = next(error for error in caught.value.errors if error.field == "prso")
    assert error.excerpt() == "    5 | prso:\n      | ^"
    assert (
        "data/tools/fastapi.yml:5:1: prso: unknown key `prso`: did you mean `pros`?\n    5 | prso:\n      | ^"
        in (caught.value.report())
    )


def test_a_caret_under_a_long_line_stays_under_its_column():
    """A long line is cut around the column, and the caret still points at the character."""
    from stackguides.errors import DataError

    line = "summary: " + "x" * 300 + "BAD" + "y" * 300
    error = DataError("data/tools/a.yml", 4, 310, "summary", "m", source_line=line)
    shown, caret = error.excerpt().split("\n")
    assert shown[caret.index("^")] == "B"


@pytest.mark.parametrize(
    ("license_text", "message"),
    [
        ("Apache 2", "`Apache 2` is not an SPDX license expression: did you mean `Apache-2.0`?"),
        ("BSD 3 Clause", "`BSD 3 Clause` is not an SPDX license expression: did you mean `BSD-3-Clause`?"),
        ("GPL-2.0", "`GPL-2.0` is a deprecated SPDX identifier; write `GPL-2.0-only` or `GPL-2.0-or-later`"),
    ],
)
def test_a_license_is_an_spdx_expression_with_did_you_mean(tmp_path: Path, license_text: str, message: str):
    errors = errors_for(
        tmp_path, "tools/fastapi.yml", TOOL.replace("license: MIT", f"license: {license_text}")
    )
    assert len(errors) == 1 and message in errors[0], errors


@pytest.mark.parametrize(
    "license_text",
    ["MIT OR Apache-2.0", "GPL-2.0-only WITH Classpath-exception-2.0 (OpenJDK)", "proprietary (service)", "Public domain",
     "Apache-2.0 (core); commercial add-ons", "AGPL-3.0-only OR LicenseRef-RSALv2 OR SSPL-1.0 (Redis 8+)"],
)  # fmt: skip
def test_spdx_expressions_with_notes_are_accepted(tmp_path: Path, license_text: str):
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    write(tmp_path / "data", "tools/fastapi.yml", TOOL.replace("license: MIT", f'license: "{license_text}"'))
    assert load_catalog(tmp_path).tools["fastapi"].data.license == license_text


GUIDE = (FIXTURE_DATA / "guides" / "python-backend.yml").read_text()
SUGGESTED_FIXES = {
    "unknown key": ("tools/fastapi.yml", TOOL, "pros:", "prso:"),
    "unknown tool": ("tools/fastapi.yml", TOOL, "alternatives: [django, flask]", "alternatives: [djangoo, flask]"),
    "enum value": ("tools/fastapi.yml", TOOL, "verdict: recommended", "verdict: recomended"),
    "license": ("tools/fastapi.yml", TOOL, "license: MIT", "license: Apache 2"),
    "section": ("guides/python-backend.yml", GUIDE, "part of the product.", "part of the [product](../tools/fastapi.md#exampel)."),
    "version": ("tools/fastapi.yml", TOOL, 'version: ">=0.165,<0.200"', 'version: "0.165"'),
}  # fmt: skip
_SUGGESTION = re.compile(r"did you mean `#?([^`]+)`\?|e\.g\. \"([^\"]+)\"")


def test_writing_the_suggested_runner_up_makes_the_category_valid(tmp_path: Path):
    """The missing-runner-up message names a tool and the line to write; writing it passes validation."""
    without = re.sub(r"runner_up:\n(  .*\n)+", "", CATEGORY)
    errors = errors_for(tmp_path / "broken", "categories/web-frameworks.yml", without)
    assert len(errors) == 1, errors
    suggestion = re.search(r"`(runner_up: \{tool: [a-z0-9-]+, why: \"\.\.\.\"\})`", errors[0]).group(1)
    fixed = without.replace(
        "reviewed:", suggestion.replace("...", "Choose it for small apps.") + "\nreviewed:"
    )
    shutil.copytree(FIXTURE_DATA, tmp_path / "fixed" / "data")
    write(tmp_path / "fixed" / "data", "categories/web-frameworks.yml", fixed)
    load_catalog(tmp_path / "fixed")


def test_a_category_whose_tools_are_all_picks_is_told_to_move_one(tmp_path: Path):
    """Two recommended tools, both picked, no runner-up: the message says to move the weakest pick."""
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    write(tmp_path / "data", "tools/flask.yml", FLASK.replace("verdict: solid", "verdict: recommended"))
    picks_all = re.sub(r"runner_up:\n(  .*\n)+", "", CATEGORY).replace(
        "reviewed:", "  - tool: flask\n    why: For small apps.\nreviewed:"
    )
    write(tmp_path / "data", "categories/web-frameworks.yml", picks_all)
    with pytest.raises(DataErrors) as caught:
        load_catalog(tmp_path)
    assert [str(e) for e in caught.value.errors] == [
        "data/categories/web-frameworks.yml:6:1: runner_up: this category has 3 tools but no `runner_up`; "
        "every one of them is a pick; move the weakest pick from `picks` to `runner_up`"
    ]


def test_a_category_of_one_tool_needs_no_runner_up():
    """The good fixture's `databases` has one tool and no runner-up, and loads."""
    catalog = load_catalog(FIXTURE_DATA.parent)
    assert catalog.categories["databases"].data.runner_up is None
    assert [pick.tool for pick in catalog.categories["databases"].data.picks] == ["postgresql"]


@pytest.mark.parametrize("case", SUGGESTED_FIXES)
def test_applying_the_suggested_fix_makes_the_file_valid(tmp_path: Path, case: str):
    """Each "did you mean" or example in a message, written into the file, passes validation."""
    relative, text, good, bad = SUGGESTED_FIXES[case]
    assert good in text
    broken = text.replace(good, bad, 1)
    errors = errors_for(tmp_path / "broken", relative, broken)
    assert len(errors) == 1, errors
    match = _SUGGESTION.search(errors[0])
    assert match, errors[0]
    suggestion = match.group(1) or match.group(2)
    wrong = {"unknown key": "prso", "unknown tool": "djangoo", "enum value": "recomended", "license": "Apache 2",
             "section": "exampel", "version": "0.165"}[case]  # fmt: skip
    fixed = broken.replace(bad, bad.replace(wrong, suggestion), 1)
    shutil.copytree(FIXTURE_DATA, tmp_path / "fixed" / "data")
    write(tmp_path / "fixed" / "data", relative, fixed)
    load_catalog(tmp_path / "fixed")  # raises DataErrors if the suggested fix were wrong


COMPARISON = (FIXTURE_DATA / "comparisons" / "django-fastapi-flask.yml").read_text()
COST = (FIXTURE_DATA / "costs" / "python-backend-cost.yml").read_text()
REQUIRED_DECISIONS = {
    "comparison without a verdict": (
        "comparisons/django-fastapi-flask.yml",
        COMPARISON.replace("verdict: Pick **Django** for a full product, **FastAPI** for an API.\n", ""),
        "data/comparisons/django-fastapi-flask.yml:1:1: verdict: the required key `verdict` is missing; add it",
    ),
    "comparison without sources": (
        "comparisons/django-fastapi-flask.yml",
        COMPARISON.replace(
            "sources:\n  - title: Django documentation\n    url: https://docs.djangoproject.com/\n", ""
        ),
        "data/comparisons/django-fastapi-flask.yml:1:1: sources: the required key `sources` is missing; add it",
    ),
    "comparison with an empty source list": (
        "comparisons/django-fastapi-flask.yml",
        COMPARISON.replace(
            "sources:\n  - title: Django documentation\n    url: https://docs.djangoproject.com/\n",
            "sources: []\n",
        ),
        "data/comparisons/django-fastapi-flask.yml:16:10: sources: needs at least 1 item, has 0; write more, "
        "each on its own line starting with `- ` at the same indentation as the others",
    ),
    "guide without sources": (
        "guides/python-backend.yml",
        GUIDE.replace(
            "sources:\n  - title: FastAPI documentation\n    url: https://fastapi.tiangolo.com/\n", ""
        ),
        "data/guides/python-backend.yml:1:1: sources: the required key `sources` is missing; add it",
    ),
    "cost without running costs": (
        "costs/python-backend-cost.yml",
        COST[: COST.index("running_costs:")] + COST[COST.index("sources:\n  - title: Cost ranges") :],
        "data/costs/python-backend-cost.yml:1:1: running_costs: the required key `running_costs` is missing; add it",
    ),
    "running cost without a source": (
        "costs/python-backend-cost.yml",
        COST.replace(
            "    source:\n      title: Database pricing\n      url: https://example.com/database-pricing\n",
            "",
        ),
        "data/costs/python-backend-cost.yml:49:5: running_costs[1].source: the required key `source` is missing; add it",
    ),
    "tier without a team": (
        "costs/python-backend-cost.yml",
        COST.replace("    team:\n      - role: Backend developer\n        people: 4\n", ""),
        "data/costs/python-backend-cost.yml:25:5: tiers[2].team: the required key `team` is missing; add it",
    ),
    "assumptions that cannot reach the tier": (
        "costs/python-backend-cost.yml",
        COST.replace("duration: {low: 8, high: 12}", "duration: {low: 1, high: 2}"),
        "data/costs/python-backend-cost.yml:5:5: tiers[0]: the assumptions give 2,400 to 14,400 (2 people x "
        "30 to 90 per hour x 40 hours a week x 1 to 2 weeks), which does not reach the tier's 25,000 to "
        "65,000; change the team, the duration or the rate so that they do",
    ),
    "duration upside down": (
        "costs/python-backend-cost.yml",
        COST.replace("duration: {low: 12, high: 24}", "duration: {low: 24, high: 12}"),
        "tiers[1].duration.high: 12 is below `low` (24); swap them",
    ),
}


@pytest.mark.parametrize("case", REQUIRED_DECISIONS, ids=list(REQUIRED_DECISIONS))
def test_verdicts_sources_and_cost_assumptions_are_required_with_a_precise_message(tmp_path: Path, case: str):
    """A comparison needs its verdict and sources, a guide its sources, a cost estimate its assumptions."""
    relative, content, expected = REQUIRED_DECISIONS[case]
    errors = errors_for(tmp_path, relative, content)
    if expected.startswith("data/"):
        assert len(errors) == 1 and errors[0].startswith(expected), errors  # then the field's description
    else:
        assert any(expected in error for error in errors), errors
