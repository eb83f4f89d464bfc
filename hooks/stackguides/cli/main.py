"""The ``stackguides`` command: validate, scaffold, export and check the data.

Exit codes: 0 success, 1 data errors (or problems found), 2 usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stackguides.errors import DataError, DataErrors, printable
from stackguides.load import load_catalog

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2


def _escape_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's runner unescapes it (its own line breaks kept)."""
    lines = [printable(line).replace("%", "%25").replace("\r", "%0D") for line in text.split("\n")]
    return "%0A".join(lines)


def _escape_property(text: str) -> str:
    """A workflow command's property value: the message escapes, plus ``:`` and ``,``."""
    return printable(text).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")


def github_annotation(error: DataError) -> str:
    """One error as a GitHub Actions annotation, shown on the pull request's line.

    Every property and the message are escaped by the rules of GitHub's
    workflow commands, so a file name or a value cannot end the properties,
    add a property, or start a second command.
    """
    properties = f"file={_escape_property(error.file)}"
    if error.line:
        properties += f",line={error.line},col={error.column}"
    if error.field:
        properties += f",title={_escape_property(error.field)}"
    excerpt = error.excerpt()
    message = f"{error.message}\n{excerpt}" if excerpt else error.message
    return f"::error {properties}::{_escape_data(message)}"


def _validate(args: argparse.Namespace) -> int:
    try:
        catalog = load_catalog(Path(args.root))
    except DataErrors as exc:
        if args.format == "github":
            for error in exc.errors:
                print(github_annotation(error))
        else:
            print(exc.report(), file=sys.stderr)
        return EXIT_DATA
    counts = ", ".join(
        f"{len(catalog.of_kind(kind))} {kind}"
        for kind in ("tools", "categories", "comparisons", "costs", "guides", "faqs")
    )
    print(f"The data is valid: {counts}.")
    for warning in stale_warnings(catalog, args.max_age_days):
        print(f"warning: {warning}", file=sys.stderr)
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from stackguides.cli.scaffold import ScaffoldError, write_template

    try:
        path = write_template(Path(args.root), args.kind, args.id, category=args.category)
    except ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"Wrote {path}. Fill in every field, then run `stackguides validate`.")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from stackguides.outputs.export import export_project

    try:
        catalog = load_catalog(Path(args.root))
    except DataErrors as exc:
        print(exc.report(), file=sys.stderr)
        return EXIT_DATA
    if not (Path(args.root) / "mkdocs.yml").is_file():
        print(
            f"error: {args.root} has no mkdocs.yml; run export from the project folder (or pass --root)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    count = export_project(Path(args.root), catalog, Path(args.folder))
    print(
        f"Exported a project with {count} generated pages to {args.folder} (build it there with `mkdocs build`)."
    )
    return EXIT_OK


def _schemas(args: argparse.Namespace) -> int:
    from stackguides.outputs.api import stale_schemas, write_schemas

    folder = Path(args.root) / "schemas"
    if args.check:
        stale = stale_schemas(folder)
        for name in stale:
            print(
                f"schemas/{name} is out of date with the models; run `stackguides schemas`", file=sys.stderr
            )
        return EXIT_DATA if stale else EXIT_OK
    for path in write_schemas(folder):
        print(f"Wrote {path}")
    return EXIT_OK


def _check_versions(args: argparse.Namespace) -> int:
    from stackguides.cli.network_checks import check_versions

    catalog = load_catalog(Path(args.root))
    findings = check_versions(catalog, index_url=args.index_url)
    for finding in findings:
        print(finding)
    print(f"{len(findings)} tool(s) whose recommended version misses the latest release.")
    return EXIT_DATA if findings else EXIT_OK


def _check_links(args: argparse.Namespace) -> int:
    from stackguides.cli.network_checks import check_links

    catalog = load_catalog(Path(args.root))
    findings = check_links(catalog, timeout=args.timeout, resolve=dict(args.resolve or []))
    for finding in findings:
        print(finding)
    print(f"{len(findings)} broken link(s).")
    return EXIT_DATA if findings else EXIT_OK


def _releases_refresh(args: argparse.Namespace) -> int:
    from stackguides.cli.releases import refresh

    if args.from_list and args.index_url:
        print("error: give --index-url or --from-list, not both", file=sys.stderr)
        return EXIT_USAGE
    if args.add and not args.from_list:
        print(
            "error: --add completes a --from-list list; the index gives every version itself", file=sys.stderr
        )
        return EXIT_USAGE
    if args.from_list and not Path(args.from_list).is_file():
        print(f"error: {args.from_list} is not a file", file=sys.stderr)
        return EXIT_USAGE
    return refresh(
        Path(args.root),
        index_url=args.index_url or "https://pypi.org",
        timeout=args.timeout,
        from_list_file=Path(args.from_list) if args.from_list else None,
        added=args.add or [],
    )


def _resolve_entry(text: str) -> tuple[str, tuple[str, int]]:
    host, port, address = (text.split(":", 2) + ["", ""])[:3]
    if not host or not port.isdigit() or not address:
        raise argparse.ArgumentTypeError(
            f"expected HOST:PORT:ADDRESS, e.g. docs.example.com:8080:127.0.0.1, got {text!r}"
        )
    return host, (address, int(port))


def stale_warnings(catalog, max_age_days: int) -> list[str]:
    """Entries not reviewed within ``max_age_days``, as warning lines."""
    from stackguides.validate.freshness import stale_entries

    return [
        f"{entry.file}: last reviewed {entry.data.reviewed.isoformat()} ({age} days ago); "
        "check it and update `reviewed`"
        for entry, age in stale_entries(catalog, max_age_days)
    ]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every sub-command."""
    parser = argparse.ArgumentParser(prog="stackguides", description=__doc__.splitlines()[0])
    parser.add_argument("--root", default=".", help="the project folder that holds data/ (default: .)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check every data file, as the build does")
    validate.add_argument(
        "--format",
        choices=["text", "github"],
        default="text",
        help="github prints GitHub Actions annotations",
    )
    validate.add_argument(
        "--max-age-days",
        type=int,
        default=365,
        help="warn about entries not reviewed for this many days (default: 365)",
    )
    validate.set_defaults(run=_validate)

    new = commands.add_parser("new", help="write a commented template for a new data file")
    new.add_argument("kind", choices=["tool", "category", "comparison", "cost", "guide", "faq"])
    new.add_argument("id", help="the new entry's id, e.g. my-tool (lowercase, hyphens)")
    new.add_argument("--category", help="for a tool: the id of its category")
    new.set_defaults(run=_new)

    export = commands.add_parser("export", help="write the generated pages as a Markdown tree")
    export.add_argument("folder", help="where to write the Markdown files")
    export.set_defaults(run=_export)

    schemas = commands.add_parser("schemas", help="write the JSON Schemas of the data files into schemas/")
    schemas.add_argument("--check", action="store_true", help="only check that schemas/ is up to date")
    schemas.set_defaults(run=_schemas)

    versions = commands.add_parser("check-versions", help="compare recommended versions with PyPI (network)")
    versions.add_argument(
        "--index-url",
        default="https://pypi.org/pypi",
        help="PyPI JSON API base URL (default: https://pypi.org/pypi)",
    )
    versions.set_defaults(run=_check_versions)

    releases = commands.add_parser("releases", help="the release snapshot, data/releases.yml")
    releases_commands = releases.add_subparsers(dest="releases_command", required=True, metavar="COMMAND")
    refresh = releases_commands.add_parser(
        "refresh", help="rewrite data/releases.yml from PyPI's JSON API (network) or from a list"
    )
    refresh.add_argument(
        "--index-url", help="the index whose <URL>/pypi/<name>/json to read (default: https://pypi.org)"
    )
    refresh.add_argument("--timeout", type=float, default=10.0, help="seconds per request (default: 10)")
    refresh.add_argument(
        "--from-list",
        metavar="FILE",
        help="offline: a tab-separated list of the index's projects (name, latest version, month YYYY-MM)",
    )
    refresh.add_argument(
        "--add",
        action="append",
        metavar="NAME==VERSION",
        help="with --from-list: the latest version of a project the list has none for",
    )
    refresh.set_defaults(run=_releases_refresh)

    links = commands.add_parser("check-links", help="check every external link in the data (network)")
    links.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    links.add_argument(
        "--resolve",
        action="append",
        type=_resolve_entry,
        metavar="HOST:PORT:ADDRESS",
        help="connect to ADDRESS for HOST:PORT instead of asking DNS, as curl's --resolve does "
        "(such a host may be private; for tests and mirrors)",
    )
    links.set_defaults(run=_check_links)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if not (Path(args.root) / "data").is_dir() and args.command not in ("new", "schemas"):
        print(
            f"error: no data/ folder under {Path(args.root).resolve()}; run from the project "
            "folder or pass --root",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
