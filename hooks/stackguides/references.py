"""Checks that span fields or files: references resolve, ranges make sense.

Each rule returns :class:`DataError` values located at the offending value,
and a reference that does not resolve names the nearest existing ids.
References to a file that exists but failed its own checks are not
reported again: that file already has its errors.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from .errors import DataError

if TYPE_CHECKING:
    from .catalog import Catalog, Entry
    from .yaml_source import Path

_SINGULAR = {
    "tools": "tool",
    "categories": "category",
    "guides": "guide",
    "costs": "cost",
    "comparisons": "comparison",
    "faqs": "faq",
}
_NOUN = {
    "tools": "tool",
    "categories": "category",
    "guides": "guide",
    "costs": "cost estimate",
    "comparisons": "comparison",
    "faqs": "FAQ topic",
}


class _Checker:
    def __init__(self, catalog: Catalog, on_disk: dict[str, set[str]]):
        self.catalog = catalog
        self.on_disk = on_disk
        self.errors: list[DataError] = []

    def ref(self, entry: Entry, path: Path, kind: str, target: str) -> None:
        """Report ``target`` unless an entry of ``kind`` has that id."""
        if target in self.catalog.of_kind(kind) or target in self.on_disk[kind]:
            return
        noun = _NOUN[kind]
        message = f"unknown {noun} `{target}`"
        guesses = difflib.get_close_matches(target, sorted(self.on_disk[kind]), n=3, cutoff=0.6)
        if guesses:
            message += ": did you mean " + " or ".join(f"`{g}`" for g in guesses) + "?"
        else:
            message += f"; there is no file data/{kind}/{target}.yml (create it with `stackguides new {_SINGULAR[kind]} {target}`)"
        self.errors.append(entry.source.error(path, message))

    def refs(self, entry: Entry, path: Path, kind: str, targets: list[str]) -> None:
        for index, target in enumerate(targets):
            self.ref(entry, path + (index,), kind, target)

    def fail(self, entry: Entry, path: Path, message: str) -> None:
        self.errors.append(entry.source.error(path, message))


def _tools(check: _Checker) -> None:
    for entry in check.catalog.tools.values():
        tool = entry.data
        check.ref(entry, ("category",), "categories", tool.category)
        check.refs(entry, ("alternatives",), "tools", tool.alternatives)
        for index, alternative in enumerate(tool.alternatives):
            if alternative == entry.id:
                check.fail(entry, ("alternatives", index), "a tool cannot be its own alternative; remove it")
        if len(set(tool.alternatives)) != len(tool.alternatives):
            check.fail(entry, ("alternatives",), "a tool is listed twice; remove the repeat")
        if tool.verdict != "recommended" and not tool.verdict_reason:
            check.fail(
                entry,
                ("verdict",),
                f"a `{tool.verdict}` verdict needs a `verdict_reason` saying why; add one",
            )
        if tool.links.pypi:
            try:
                SpecifierSet(tool.version)
            except InvalidSpecifier:
                check.fail(
                    entry,
                    ("version",),
                    f"`{tool.version}` is not a pip version constraint (the tool has a PyPI "
                    'name); write it like ">=2.0,<3"',
                )
            if tool.version and not any(ch in tool.version for ch in "<>=~!"):
                check.fail(
                    entry, ("version",), f'`{tool.version}` needs an operator, e.g. ">={tool.version}"'
                )


def _comparisons(check: _Checker) -> None:
    for entry in check.catalog.comparisons.values():
        comparison = entry.data
        check.refs(entry, ("tools",), "tools", comparison.tools)
        if len(set(comparison.tools)) != len(comparison.tools):
            check.fail(entry, ("tools",), "a tool is listed twice; remove the repeat")
        compared = set(comparison.tools)
        for row, criterion in enumerate(comparison.criteria):
            path = ("criteria", row, "values")
            for tool_id in comparison.tools:
                if tool_id not in criterion.values:
                    check.fail(entry, path, f"no value for `{tool_id}`; add `{tool_id}: ...` to this row")
            for tool_id in criterion.values:
                if tool_id not in compared:
                    guesses = difflib.get_close_matches(tool_id, comparison.tools, n=1, cutoff=0.6)
                    hint = (
                        f": did you mean `{guesses[0]}`?"
                        if guesses
                        else "; add it to `tools` or remove this value"
                    )
                    check.errors.append(
                        entry.source.error(
                            path + (tool_id,),
                            f"`{tool_id}` is not one of the compared tools ({', '.join(comparison.tools)}){hint}",
                            at_key=True,
                        )
                    )


def _costs(check: _Checker) -> None:
    for entry in check.catalog.costs.values():
        for index, tier in enumerate(entry.data.tiers):
            if tier.high is not None and tier.high < tier.low:
                check.fail(
                    entry, ("tiers", index, "high"), f"{tier.high} is below `low` ({tier.low}); swap them"
                )


def _questions(check: _Checker, entry: Entry, path: Path, questions: list) -> None:
    for index, question in enumerate(questions):
        check.refs(entry, path + (index, "tools"), "tools", question.tools)


def _guides(check: _Checker) -> None:
    for entry in check.catalog.guides.values():
        guide = entry.data
        for index, layer in enumerate(guide.layers):
            check.refs(entry, ("layers", index, "choice"), "tools", layer.choice)
            for alt_index, alternative in enumerate(layer.alternatives):
                check.ref(
                    entry, ("layers", index, "alternatives", alt_index, "tool"), "tools", alternative.tool
                )
        if guide.cost:
            check.ref(entry, ("cost",), "costs", guide.cost)
        check.refs(entry, ("related",), "guides", guide.related)
        for index, related in enumerate(guide.related):
            if related == entry.id:
                check.fail(entry, ("related", index), "a guide cannot be related to itself; remove it")
        for index, project in enumerate(guide.projects):
            check.refs(entry, ("projects", index, "tools"), "tools", project.tools)
        _questions(check, entry, ("faq",), guide.faq)


def _faqs(check: _Checker) -> None:
    for entry in check.catalog.faqs.values():
        _questions(check, entry, ("questions",), entry.data.questions)


def check_references(catalog: Catalog, on_disk: dict[str, set[str]]) -> list[DataError]:
    """Every cross-file and cross-field problem in the catalog."""
    check = _Checker(catalog, on_disk)
    for rule in (_tools, _comparisons, _costs, _guides, _faqs):
        rule(check)
    return check.errors
