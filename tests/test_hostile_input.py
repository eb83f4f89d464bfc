"""Hostile input, as a pull request can bring it: files, text, URLs, numbers, CI output, the link checker.

Each case puts the attack into a copy of the good fixture and asserts the one
clear message that names the file and line (or, for CI output and the link
checker, what is written and what is requested).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stackguides.cli.main import github_annotation
from stackguides.cli.network_checks import RefusedAddress, fetch_status, is_public_address
from stackguides.errors import DataError, DataErrors, printable
from stackguides.load import load_catalog

from conftest import FIXTURE_DATA, make_project, mkdocs_build, write
from page_tools import to_html
from search_tools import indexed_pages

TOOL = (FIXTURE_DATA / "tools" / "fastapi.yml").read_text()
GUIDE = (FIXTURE_DATA / "guides" / "python-backend.yml").read_text()
CATEGORY = (FIXTURE_DATA / "categories" / "web-frameworks.yml").read_text()
COST = (FIXTURE_DATA / "costs" / "python-backend-cost.yml").read_text()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the good fixture's data folder."""
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    return tmp_path / "data"


def errors_of(data: Path) -> list[str]:
    """The validation errors of the data folder, as printed."""
    with pytest.raises(DataErrors) as caught:
        load_catalog(data.parent)
    return [str(error) for error in caught.value.errors]


def only_error(data: Path) -> str:
    """The single validation error of the data folder."""
    errors = errors_of(data)
    assert len(errors) == 1, errors
    return errors[0]


# -- Files and folders ---------------------------------------------------------------------------


def test_a_symlink_to_a_file_outside_the_repository_is_refused_not_followed(data: Path, tmp_path: Path):
    secret = tmp_path / "secret.yml"
    secret.write_text(TOOL.replace("FastAPI", "Secret tool"))
    (data / "tools" / "secret.yml").symlink_to(secret)
    assert only_error(data) == (
        "data/tools/secret.yml: is a symbolic link; data files must be real files in the repository "
        "(links are never followed). Replace the link with the file itself"
    )


@pytest.mark.parametrize("target", ["loop.yml", "does-not-exist.yml"])
def test_looping_and_dangling_symlinks_are_refused(data: Path, target: str):
    (data / "tools" / "loop.yml").symlink_to(data / "tools" / target)
    assert only_error(data).startswith("data/tools/loop.yml: is a symbolic link")


def test_a_symlinked_folder_is_refused(data: Path, tmp_path: Path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (data / "tools" / "more").symlink_to(outside, target_is_directory=True)
    assert only_error(data).startswith("data/tools/more: is a symbolic link")


def test_a_fifo_is_reported_without_hanging(data: Path):
    """A reader that opened the pipe would wait forever; the validator must answer at once."""
    os.mkfifo(data / "tools" / "pipe.yml")
    command = [str(Path(sys.executable).with_name("stackguides")), "--root", str(data.parent), "validate"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "data/tools/pipe.yml: is a FIFO (named pipe), not a file; remove it" in result.stderr


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("con.yml", "`con` is a reserved device name on Windows"),
        ("lpt1.yml", "`lpt1` is a reserved device name on Windows"),
        ("fastapi.yml\n", "only `.yml` files are read in data/tools/"),
        ("a" * 65 + ".yml", "the id is 65 characters long; ids are at most 64"),
        ("Fast_API.yml", "the file name is not a valid id"),
        ("notes.md", "only `.yml` files are read in data/tools/"),
        (".hidden.yml", "hidden files are not read"),
        ("fastapi.yaml", "data files end in `.yml`; rename the file to `fastapi.yml`"),
    ],
)
def test_bad_file_names_are_reported(data: Path, name: str, message: str):
    (data / "tools" / name).write_text(TOOL)
    error = only_error(data)
    assert message in error
    assert "\n" not in error  # a line break in a file name is shown escaped, never printed


def test_a_file_name_with_a_line_break_is_shown_escaped(data: Path):
    (data / "tools" / "x\nerror: forged.yml").write_text(TOOL)
    assert only_error(data).startswith("data/tools/x\\nerror: forged.yml: ")


def test_a_subfolder_in_a_kind_folder_is_reported(data: Path):
    write(data, "tools/extra/sanic.yml", TOOL)
    assert only_error(data) == (
        "data/tools/extra: folders inside data/tools/ are not read; move its files up into data/tools/"
    )


def test_a_file_directly_in_data_is_reported(data: Path):
    write(data, "sanic.yml", TOOL)
    assert only_error(data).startswith(
        "data/sanic.yml: files directly in data/ are not read; move it into the folder of its kind"
    )


def test_a_huge_file_is_not_read_whole(data: Path):
    write(data, "tools/huge.yml", b"# " + b"x" * (20 * 1024 * 1024))
    assert "data files are limited to 262,144 bytes" in only_error(data)


# -- Text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Fast\u202eIPA", "the invisible direction control U+202E (right-to-left override)"),
        ("Fast\u200bAPI", "the invisible character U+200B (zero width space)"),
        ("Fast\u2028API", "U+2028 (line separator)"),
        ("Fast\x85API", "U+0085"),
        ("Fast\rAPI", "U+000D"),
        ("Fa\u0301\u0301\u0301\u0301stAPI", "stacks 4 combining marks"),
    ],
)
def test_invisible_and_line_breaking_characters_are_refused_in_a_name(data: Path, text: str, message: str):
    escaped = text.encode("unicode_escape").decode("ascii")
    write(data, "tools/fastapi.yml", TOOL.replace("name: FastAPI", f'name: "{escaped}"'))
    error = only_error(data)
    assert error.startswith("data/tools/fastapi.yml:1:7: name: the text ")
    assert message in error


def test_a_direction_control_is_refused_in_prose(data: Path):
    write(
        data,
        "tools/fastapi.yml",
        TOOL.replace(
            "summary: An async-first API framework built on Starlette and Pydantic.",
            'summary: "An \\u2066async\\u2069 framework."',
        ),
    )
    assert "U+2066 (left-to-right isolate)" in only_error(data)


@pytest.mark.parametrize("name", ["fastapi", "FASTAPI", "Fast API", "Fast\u00a0API", "ＦａｓｔＡＰＩ"])
def test_two_tools_whose_names_look_alike_are_refused(data: Path, name: str):
    write(data, "tools/fastapi2.yml", TOOL.replace("name: FastAPI", f'name: "{name}"'))
    assert only_error(data).startswith(
        f"data/tools/fastapi2.yml:1:7: name: `{printable(name)}` reads the same as the name of "
        "data/tools/fastapi.yml (`FastAPI`); two tools must not look alike: rename one"
    )


def test_emoji_work_everywhere_and_joined_emoji_are_refused_in_one_line_fields(data: Path, tmp_path: Path):
    """Astral characters reach the page, the JSON-LD, the search index and the API intact."""
    write(
        data,
        "tools/fastapi.yml",
        TOOL.replace("name: FastAPI", "name: FastAPI 🚀") + "notes: Loved by 👩‍💻 teams 🐍.\n",
    )
    write(
        data,
        "faqs/python-backend-faq.yml",
        (data / "faqs/python-backend-faq.yml")
        .read_text()
        .replace("For most backends, yes", "🚀 For most backends, yes", 1),
    )
    project = make_project(tmp_path / "project", data)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    tool_page = (site / "tools/fastapi/index.html").read_text(encoding="utf-8")
    assert "FastAPI 🚀" in tool_page
    assert "Loved by 👩‍💻 teams 🐍." in tool_page
    assert "🚀" in json.loads((site / "api/tools/fastapi.json").read_text(encoding="utf-8"))["name"]
    assert indexed_pages(site)["/tools/fastapi/"]["meta"]["title"] == "FastAPI 🚀"
    faq_page = (site / "faqs/python-backend-faq/index.html").read_text(encoding="utf-8")
    jsonld = faq_page.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "🚀" in json.dumps(json.loads(jsonld), ensure_ascii=False)

    write(data, "tools/fastapi.yml", TOOL.replace("An async", "An 👩‍💻 async"))
    assert "summary: the text holds the invisible character U+200D (zero width joiner)" in only_error(data)


# -- URLs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://user:pw@fastapi.tiangolo.com/", "has a `user@` part before the host"),
        ("https://fastapi.tiangolo.com/a b", "holds ` ` at character 31"),
        ("https://fastapi.tiangolo.com/x)[y](javascript:alert(1)", "holds `)` at character 31"),
        ('https://fastapi.tiangolo.com/" onclick="x', 'holds `"` at character 30'),
        ("https://fаstapi.tiangolo.com/", "the host `fаstapi.tiangolo.com` is not plain ASCII"),
        ("https://xn--fstapi-4nf.tiangolo.com/", "mixes letters of Cyrillic and Latin"),
        ("http://127.0.0.1:8000/", "points at an IP address"),
        ("https://localhost/", "is not a public web address"),
        ("javascript:alert(1)", "expected a web address starting with https://"),
        ("https:///path", "has no host"),
    ],
)
def test_url_fields_hold_one_plain_public_address(data: Path, url: str, message: str):
    write(data, "tools/fastapi.yml", TOOL.replace("home: https://fastapi.tiangolo.com/", f"home: '{url}'"))
    error = only_error(data)
    assert error.startswith("data/tools/fastapi.yml:15:9: links.home: ")
    assert message in error


def test_a_name_cannot_close_the_sites_link_to_the_tool():
    """Names are shown as written: brackets and parentheses in them are text, not link syntax."""
    from stackguides.pages.templates import md_literal

    html = to_html(f"[{md_literal('x](javascript:alert(1)) [y')}](../tools/x.md)")
    assert html == '<p><a href="../tools/x.md">x](javascript:alert(1)) [y</a></p>'


def test_a_version_cannot_close_a_code_fence(data: Path):
    write(
        data,
        "tools/fastapi.yml",
        TOOL.replace('version: ">=0.165,<0.200"', 'version: ">=1\\n```\\n<b>x</b>"'),
    )
    assert only_error(data).startswith("data/tools/fastapi.yml:18:10: version: ")


# -- Numbers, dates, lists, references, links, icons --------------------------------------------------


def test_a_400_digit_cost_is_refused_with_a_message(data: Path):
    write(data, "costs/python-backend-cost.yml", COST.replace("low: 25000", "low: " + "9" * 400, 1))
    assert "tiers[0].low: " in only_error(data)


def test_text_that_would_make_markdown_slow_is_refused(data: Path):
    """5,000 `[` take Python-Markdown seconds (its link scan is quadratic); a field may hold 100."""
    write(data, "tools/fastapi.yml", TOOL + "notes: '" + "[" * 4000 + "'\n")
    assert "notes: the text holds 4000 `[`; Markdown reads each as the start of a link" in only_error(data)


def test_a_review_date_in_the_future_is_refused(data: Path):
    write(data, "tools/fastapi.yml", TOOL.replace("reviewed: 2026-11-23", "reviewed: 2999-01-01"))
    assert "reviewed: 2999-01-01 is in the future" in only_error(data)


def test_lists_are_bounded(data: Path):
    pros = "".join(f"  - Strength number {n}.\n" for n in range(13))
    write(data, "tools/fastapi.yml", TOOL.replace("pros:\n", "pros:\n" + pros))
    assert "pros: " in only_error(data)


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        (
            "choice: [fastapi]",
            "choice: [fastapi, fastapi]",
            "layers[0].choice[1]: `fastapi` is already listed at choice[0]",
        ),
        (
            "      - flask\n",
            "      - flask\n      - flask\n",
            "layers[0].alternatives[2]: `flask` is already listed at alternatives[1]",
        ),
        (
            "    tools: [fastapi]",
            "    tools: [fastapi, fastapi]",
            "projects[0].tools[1]: `fastapi` is already listed at tools[0]",
        ),
    ],
)
def test_a_repeated_reference_is_refused(data: Path, old: str, new: str, where: str):
    assert old in GUIDE
    write(data, "guides/python-backend.yml", GUIDE.replace(old, new, 1))
    assert where in only_error(data)


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("../tools/fastapy.md", "unknown tool `fastapy`: did you mean `fastapi`?"),
        ("../tools/fastapi/", "does not point at a page of the site"),
        ("/etc/passwd", "does not point at a page of the site"),
        ("#faq", "does not point at a page of the site"),
    ],
)
def test_relative_links_in_prose_are_checked_by_validation(data: Path, link: str, message: str):
    write(
        data,
        "guides/python-backend.yml",
        GUIDE.replace("part of the product.", f"part of the [product]({link})."),
    )
    error = only_error(data)
    assert error.startswith("data/guides/python-backend.yml:3:8: intro: ")
    assert message in error


def test_a_link_to_a_section_that_does_not_exist_is_refused_with_a_suggestion(data: Path):
    write(
        data,
        "guides/python-backend.yml",
        GUIDE.replace("part of the product.", "part of the [product](../tools/fastapi.md#exampel)."),
    )
    assert only_error(data) == (
        "data/guides/python-backend.yml:3:8: intro: the page `../tools/fastapi.md` has no section "
        "`#exampel`: did you mean `#example`?"
    )


def test_a_relative_link_to_an_existing_page_is_accepted(data: Path):
    write(
        data,
        "guides/python-backend.yml",
        GUIDE.replace("part of the product.", "part of the [product](../tools/fastapi.md#example)."),
    )
    load_catalog(data.parent)


def test_a_relative_link_in_a_one_line_field_is_refused(data: Path):
    write(
        data,
        "tools/fastapi.yml",
        TOOL.replace(
            "best_for: JSON APIs and AI backends that wait on I/O.",
            "best_for: '[JSON](../tools/flask.md) APIs.'",
        ),
    )
    assert "best_for: the link `../tools/flask.md` is relative" in only_error(data)


def test_an_icon_the_theme_does_not_have_is_refused(data: Path):
    write(data, "categories/web-frameworks.yml", CATEGORY.replace("material/web", "material/no-such-icon"))
    assert only_error(data) == (
        "data/categories/web-frameworks.yml:3:7: icon: the theme has no icon `material/no-such-icon`; pick one "
        "from the icon search at https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/"
    )


# -- CI annotations -----------------------------------------------------------------------------


def _parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse ``::name k=v,k=v::message`` the way GitHub's runner does (split, then unescape)."""

    def unescape(text: str) -> str:
        return (
            text.replace("%0D", "\r")
            .replace("%0A", "\n")
            .replace("%3A", ":")
            .replace("%2C", ",")
            .replace("%25", "%")
        )

    assert line.startswith("::")
    head, message = line[2:].split("::", 1)
    name, _, raw_properties = head.partition(" ")
    properties = {}
    for pair in filter(None, raw_properties.split(",")):
        key, _, value = pair.partition("=")
        properties[key] = unescape(value)
    return name, properties, unescape(message)


@pytest.mark.parametrize(
    "file",
    [
        "data/tools/a,line=1,col=1::forged.yml",
        "data/tools/x.yml,title=owned",
        "data/tools/100%0A::error file=x::forged.yml",
        "data/tools/new\nline.yml",
    ],
)
def test_an_annotation_cannot_be_forged_by_a_file_name(file: str):
    error = DataError(file, 3, 4, "notes", "a message with :: and , and %0A and\nmore")
    line = github_annotation(error)
    assert "\n" not in line
    name, properties, message = _parse_workflow_command(line)
    assert name == "error"
    assert set(properties) == {"file", "line", "col", "title"}
    assert properties["file"] == file.replace("\n", "\\n")
    assert (properties["line"], properties["col"], properties["title"]) == ("3", "4", "notes")
    assert message == "a message with :: and , and %0A and\nmore"  # a line break of its own, not a command


# -- The link checker ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
     "224.0.0.1", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1"],
)  # fmt: skip
def test_loopback_private_and_link_local_addresses_are_not_public(address: str):
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:4700::1111"])
def test_public_addresses_are_public(address: str):
    assert is_public_address(address)


def test_a_link_that_resolves_to_loopback_is_never_requested(httpserver):
    httpserver.expect_request("/").respond_with_data("should not be asked")
    with pytest.raises(RefusedAddress, match=r"resolves to 127\.0\.0\.1, which is not a public address"):
        fetch_status(
            f"http://innocent.example.com:{httpserver.port}/", resolver=lambda host, port: ["127.0.0.1"]
        )
    assert httpserver.log == []


def test_a_redirect_into_a_private_address_is_not_followed(httpserver):
    """The first hop is a trusted test host; its redirect to the metadata address is refused unasked."""
    httpserver.expect_request("/moved").respond_with_data(
        "", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data/"}
    )
    resolver = {"mirror.example.com": ["127.0.0.1"], "169.254.169.254": ["169.254.169.254"]}
    with pytest.raises(RefusedAddress, match=r"169\.254\.169\.254 resolves to 169\.254\.169\.254"):
        fetch_status(
            f"http://mirror.example.com:{httpserver.port}/moved",
            resolver=lambda host, port: resolver[host],
            trusted_hosts=frozenset({"mirror.example.com"}),
        )
    assert [request.path for request, _response in httpserver.log] == ["/moved"]


def test_a_redirect_to_another_scheme_is_not_followed(httpserver):
    httpserver.expect_request("/moved").respond_with_data(
        "", status=301, headers={"Location": "file:///etc/passwd"}
    )
    with pytest.raises(RefusedAddress, match="is not an http"):
        fetch_status(
            f"http://mirror.example.com:{httpserver.port}/moved",
            resolver=lambda host, port: ["127.0.0.1"],
            trusted_hosts=frozenset({"mirror.example.com"}),
        )


URL_SAMPLES = [
    *(
        f"{scheme}://{host}{rest}"
        for scheme in ("https", "http", "HTTPS", "ftp")
        for host in (
            "fastapi.tiangolo.com", "a.b", "A.B", "x.local", "x.LOCAL", "x.localhost", "localhost", "x.internal",
            "x.internal.com", "xn--fstapi-4nf.tiangolo.com", "a.XN--p1ai", "axn--b.com", "127.0.0.1", "1.2.3.com",
            "0x1.com", "exa_mple.com", "-a.com", "a-.com", "example.c0m", "example.123", "example.com.",
            "example.com:80", "example.com:99999", "user@example.com", "[::1]", "fаstapi.com", "", "a..b", "a" * 64 + ".com",
        )
        for rest in ("", "/", "/a/b?c=d&e=f#g", "/@x", "/a%20b", "/a b", "/x)[y]", "/é", "?q=<b>", "#x'y", "/\\")
    ),
    "javascript:alert(1)", "https:///path", " ", "https://example.com/\n",
]  # fmt: skip


def test_the_quick_url_check_accepts_only_what_the_full_check_accepts():
    """Most URLs are recognised by one pattern; it must never pass one that a rule would refuse."""
    from stackguides.validate.urls import _PLAIN_ADDRESS, _full_check

    quick = [url for url in URL_SAMPLES if _PLAIN_ADDRESS.fullmatch(url)]
    assert len(quick) > 50  # the shortcut is taken
    assert [url for url in quick if _full_check(url) is not None] == []
