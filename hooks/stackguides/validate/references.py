"""Checks that span fields or files: references resolve, ranges make sense.

Each rule returns :class:`DataError` values located at the offending value,
and a reference that does not resolve names the nearest existing ids.
References to a file that exists but failed its own checks are not
reported again: that file already has its errors.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from stackguides.errors import DataError
from stackguides.kinds import KINDS
from stackguides.markdown_text import heading_anchors, link_targets
from stackguides.validate.costs import UNITS_PER_WEEK, implied_range, people, ranges_overlap
from stackguides.validate.icons import icon_exists
from stackguides.validate.models import ID_PATTERN
from stackguides.validate.text import comparable_name, strings_in

if TYPE_CHECKING:
    from stackguides.catalog import Catalog, Entry
    from stackguides.load.yaml_document import Path


class _Checker:
    def __init__(self, catalog: Catalog, on_disk: dict[str, set[str]], may_link: set[tuple[str, str]] | None):
        self.catalog = catalog
        self.on_disk = on_disk
        self.may_link = may_link
        self.errors: list[DataError] = []

    def exists(self, kind: str, target: str) -> bool:
        """Whether an entry of ``kind`` has the id ``target`` (valid, or on disk with its own errors)."""
        return target in self.catalog.of_kind(kind) or target in self.on_disk[kind]

    def ref(self, entry: Entry, path: Path, kind: str, target: str) -> None:
        """Report ``target`` unless an entry of ``kind`` has that id."""
        if self.exists(kind, target):
            return
        noun = KINDS[kind].noun
        message = f"unknown {noun} `{target}`"
        guesses = difflib.get_close_matches(target, sorted(self.on_disk[kind]), n=3, cutoff=0.6)
        if guesses:
            message += ": did you mean " + " or ".join(f"`{g}`" for g in guesses) + "?"
        else:
            message += f"; there is no file data/{kind}/{target}.yml (create it with `stackguides new {KINDS[kind].singular} {target}`)"
        self.errors.append(entry.source.error(path, message))

    def refs(self, entry: Entry, path: Path, kind: str, targets: list[str]) -> None:
        for index, target in enumerate(targets):
            self.ref(entry, path + (index,), kind, target)

    def fail(self, entry: Entry, path: Path, message: str) -> None:
        self.errors.append(entry.source.error(path, message))

    def unique(self, entry: Entry, path: Path, items: list, what: str = "this") -> None:
        """Report every repeat in a list, at the repeat, naming the first occurrence."""
        first: dict = {}
        for index, item in enumerate(items):
            if item in first:
                self.fail(
                    entry,
                    path + (index,),
                    f"`{item}` is already listed at {what}[{first[item]}]; remove the repeat",
                )
            else:
                first[item] = index

    def icon(self, entry: Entry, path: Path, name: str | None) -> None:
        if name and not icon_exists(name):
            self.fail(
                entry,
                path,
                f"the theme has no icon `{name}`; pick one from the icon search at "
                "https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/",
            )


def _tools(check: _Checker) -> None:
    for entry in check.catalog.tools.values():
        tool = entry.data
        check.ref(entry, ("category",), "categories", tool.category)
        check.refs(entry, ("alternatives",), "tools", tool.alternatives)
        for index, alternative in enumerate(tool.alternatives):
            if alternative == entry.id:
                check.fail(entry, ("alternatives", index), "a tool cannot be its own alternative; remove it")
        check.unique(entry, ("alternatives",), tool.alternatives, "alternatives")
        check.unique(entry, ("extras",), tool.extras, "extras")
        if tool.links.pypi:
            if not any(ch in tool.version for ch in "<>=~!"):  # one message: what to write instead
                check.fail(entry, ("version",), _operator_hint(tool.version))
                continue
            try:
                SpecifierSet(tool.version)
            except InvalidSpecifier:
                check.fail(
                    entry,
                    ("version",),
                    f"`{tool.version}` is not a pip version constraint (the tool has a PyPI "
                    'name); write it like ">=2.0,<3"',
                )


def _operator_hint(version: str) -> str:
    """What to write for a version without an operator; the suggestion itself always validates."""
    try:
        release = Version(version)
    except InvalidVersion:
        return (
            f"`{version}` is not a version number; write the lowest release you recommend and the next "
            'major as the limit, e.g. ">=4.2,<5" (the PyPI page lists the releases)'
        )
    upper = release.major + 1 if release.major else f"0.{release.minor + 1}"
    return f'`{version}` needs an operator, e.g. ">={version},<{upper}"'


def _comparisons(check: _Checker) -> None:
    for entry in check.catalog.comparisons.values():
        comparison = entry.data
        check.refs(entry, ("tools",), "tools", comparison.tools)
        check.unique(entry, ("tools",), comparison.tools, "tools")
        _sources(check, entry, comparison.sources)
        # A typo in `tools` is one mistake: the rows that name the tool correctly are not errors too,
        # and no message suggests the typo (it is reported once, at `tools`, with the right id).
        unknown = {tool_id for tool_id in comparison.tools if not check.exists("tools", tool_id)}
        compared = set(comparison.tools)
        for row, criterion in enumerate(comparison.criteria):
            if criterion.winner and criterion.winner not in compared and criterion.winner not in unknown:
                check.fail(
                    entry,
                    ("criteria", row, "winner"),
                    f"`{criterion.winner}` is not one of the compared tools "
                    f"({', '.join(comparison.tools)}); name one of them or remove `winner`",
                )
            path = ("criteria", row, "values")
            for tool_id in comparison.tools:
                if tool_id not in criterion.values and tool_id not in unknown:
                    check.fail(entry, path, f"no value for `{tool_id}`; add `{tool_id}: ...` to this row")
            for tool_id in criterion.values:
                if tool_id in compared or (unknown and check.exists("tools", tool_id)):
                    continue
                known = [t for t in comparison.tools if t not in unknown]
                guesses = difflib.get_close_matches(tool_id, known, n=1, cutoff=0.6)
                hint = (
                    f": did you mean `{guesses[0]}`?"
                    if guesses
                    else "; add it to `tools` or remove this value"
                )
                check.errors.append(
                    entry.source.error(
                        path + (tool_id,),
                        f"`{tool_id}` is not one of the compared tools ({', '.join(known)}){hint}",
                        at_key=True,
                    )
                )


def _sources(check: _Checker, entry: Entry, sources: list) -> None:
    check.unique(entry, ("sources",), [source.url for source in sources], "sources")


def _upside_down(check: _Checker, entry: Entry, path: Path, low: float, high: float | None) -> None:
    if high is not None and high < low:
        check.fail(entry, path + ("high",), f"{high} is below `low` ({low}); swap them")


def _costs(check: _Checker) -> None:
    for entry in check.catalog.costs.values():
        cost = entry.data
        _sources(check, entry, cost.sources)
        rate = cost.assumptions.rate
        _upside_down(check, entry, ("assumptions", "rate"), rate.low, rate.high)
        for index, tier in enumerate(cost.tiers):
            path = ("tiers", index)
            _upside_down(check, entry, path, tier.low, tier.high)
            _upside_down(check, entry, path + ("duration",), tier.duration.low, tier.duration.high)
            check.unique(entry, path + ("team",), [member.role for member in tier.team], "team")
            if (tier.high is not None and tier.high < tier.low) or (
                tier.duration.high is not None and tier.duration.high < tier.duration.low
            ):
                continue
            low, high = implied_range(tier, rate)
            if not ranges_overlap(low, high, tier.low, tier.high):
                weeks = f"{tier.duration.low}" + (
                    f" to {tier.duration.high}" if tier.duration.high is not None else "+"
                )
                check.fail(
                    entry,
                    path,
                    f"the assumptions give {low:,}"
                    + (f" to {high:,}" if high is not None else "+")
                    + f" ({people(tier):g} people x {rate.low:,} to {rate.high:,} per {rate.per} x "
                    f"{UNITS_PER_WEEK[rate.per]} {rate.per}s a week x {weeks} weeks), which does not reach "
                    f"the tier's {tier.low:,}"
                    + (f" to {tier.high:,}" if tier.high is not None else "+")
                    + "; change the team, the duration or the rate so that they do",
                )
        for index, item in enumerate(cost.running_costs):
            _upside_down(check, entry, ("running_costs", index), item.low, item.high)
        check.unique(entry, ("running_costs",), [item.name for item in cost.running_costs], "running_costs")


def _questions(check: _Checker, entry: Entry, path: Path, questions: list) -> None:
    for index, question in enumerate(questions):
        check.refs(entry, path + (index, "tools"), "tools", question.tools)
        check.unique(entry, path + (index, "tools"), question.tools, "tools")


def _guides(check: _Checker) -> None:
    for entry in check.catalog.guides.values():
        guide = entry.data
        for index, layer in enumerate(guide.layers):
            check.refs(entry, ("layers", index, "choice"), "tools", layer.choice)
            check.unique(entry, ("layers", index, "choice"), layer.choice, "choice")
            check.unique(
                entry,
                ("layers", index, "alternatives"),
                [alternative.tool for alternative in layer.alternatives],
                "alternatives",
            )
            check.icon(entry, ("layers", index, "icon"), layer.icon)
            for alt_index, alternative in enumerate(layer.alternatives):
                check.ref(
                    entry, ("layers", index, "alternatives", alt_index, "tool"), "tools", alternative.tool
                )
        if guide.cost:
            check.ref(entry, ("cost",), "costs", guide.cost)
        check.refs(entry, ("related",), "guides", guide.related)
        check.unique(entry, ("related",), guide.related, "related")
        _sources(check, entry, guide.sources)
        for index, related in enumerate(guide.related):
            if related == entry.id:
                check.fail(entry, ("related", index), "a guide cannot be related to itself; remove it")
        for index, project in enumerate(guide.projects):
            check.refs(entry, ("projects", index, "tools"), "tools", project.tools)
            check.unique(entry, ("projects", index, "tools"), project.tools, "tools")
        _questions(check, entry, ("faq",), guide.faq)


def _faqs(check: _Checker) -> None:
    for entry in check.catalog.faqs.values():
        _questions(check, entry, ("questions",), entry.data.questions)


def _categories(check: _Checker) -> None:
    for entry in check.catalog.categories.values():
        category = entry.data
        check.icon(entry, ("icon",), category.icon)
        picked = [pick.tool for pick in category.picks]
        check.unique(entry, ("picks",), picked, "picks")
        named = [(("picks", index, "tool"), pick) for index, pick in enumerate(category.picks)]
        if category.runner_up:
            named.append((("runner_up", "tool"), category.runner_up))
        for path, pick in named:
            check.ref(entry, path, "tools", pick.tool)
            tool = check.catalog.tools.get(pick.tool)
            if tool is None:
                continue
            if tool.data.category != entry.id:
                check.fail(
                    entry,
                    path,
                    f"`{pick.tool}` is in the category `{tool.data.category}`, not `{entry.id}`; "
                    "pick a tool of this category",
                )
            elif path[0] == "picks" and tool.data.verdict != "recommended":
                check.fail(
                    entry,
                    path,
                    f"`{pick.tool}` has the verdict `{tool.data.verdict}`; a pick must be `recommended` "
                    "(change its verdict, or name it as `runner_up`)",
                )
        if category.runner_up and category.runner_up.tool in picked:
            check.fail(
                entry,
                ("runner_up", "tool"),
                f"`{category.runner_up.tool}` is already a pick; name the next best tool as runner-up",
            )
        members = sorted(tool.id for tool in check.catalog.tools_by_category.get(entry.id, []))
        if category.runner_up is None and len(members) >= 2:
            _missing_runner_up(check, entry, members, picked)


def _missing_runner_up(check: _Checker, entry: Entry, members: list[str], picked: list[str]) -> None:
    """A category of two or more tools names the best one after its picks; the message suggests how."""
    others = [tool_id for tool_id in members if tool_id not in picked]
    if others:
        shown = ", ".join(f"`{tool_id}`" for tool_id in others[:5]) + (", ..." if len(others) > 5 else "")
        fix = (
            f"name the best of the other tools ({shown}) and why a reader might choose it instead: "
            f'`runner_up: {{tool: {others[0]}, why: "..."}}`'
        )
    else:
        fix = "every one of them is a pick; move the weakest pick from `picks` to `runner_up`"
    where = entry.source.key_position(("picks",))
    check.errors.append(
        DataError(
            entry.source.file,
            where.line,
            where.column,
            "runner_up",
            f"this category has {len(members)} tools but no `runner_up`; {fix}",
        )
    )


def _look_alike_names(check: _Checker) -> None:
    """Two entries of a kind whose names differ only by case, spacing or invisible characters."""
    for kind in KINDS:
        field = KINDS[kind].title_field
        seen: dict[str, Entry] = {}
        for entry in sorted(check.catalog.of_kind(kind).values(), key=lambda e: e.file):
            name = getattr(entry.data, field)
            folded = comparable_name(name)
            other = seen.setdefault(folded, entry)
            if other is not entry:
                check.fail(
                    entry,
                    (field,),
                    f"`{name}` reads the same as the {field} of {other.file} (`{getattr(other.data, field)}`); "
                    f"two {kind} must not look alike: rename one",
                )


_PAGE_LINK = re.compile(
    r"^\.\./(?P<kind>[a-z]+)/(?P<id>" + ID_PATTERN.strip("^$") + r")\.md(?:#(?P<anchor>[A-Za-z0-9_-]+))?$"
)


def _relative_links(check: _Checker) -> None:
    """Links between pages inside Markdown fields: ``../<kind>/<id>.md[#section]``, to a page and section that exist."""
    anchored: list[tuple[Entry, Path, str, str, str]] = []
    for entry in check.catalog.all_entries():
        if check.may_link is not None and (entry.kind, entry.id) not in check.may_link:
            continue
        for path, text in strings_in(entry.data):
            for target in link_targets(text):
                if target.startswith(("http://", "https://", "mailto:")):
                    continue
                match = _PAGE_LINK.match(target)
                if not match or match.group("kind") not in KINDS:
                    check.fail(
                        entry,
                        path,
                        f"the link `{target}` does not point at a page of the site; link to another page as "
                        "`../tools/fastapi.md` (or `../guides/<id>.md`, `../comparisons/<id>.md`, ...), "
                        "optionally with `#section`, or use a full https:// address",
                    )
                    continue
                kind, target_id = match.group("kind"), match.group("id")
                if KINDS[kind].template is None:
                    check.fail(
                        entry,
                        path,
                        f"`{target}`: cost estimates have no page of their own; link to the guide that shows it",
                    )
                elif target_id in check.catalog.of_kind(kind) and match.group("anchor"):
                    anchored.append((entry, path, kind, target_id, match.group("anchor")))
                else:
                    check.ref(entry, path, kind, target_id)
    complete = all(set(check.catalog.of_kind(kind)) == check.on_disk[kind] for kind in check.on_disk)
    if anchored and complete and not check.errors:  # pages can only be drawn from a whole catalog
        _anchors(check, anchored)


def _anchors(check: _Checker, links: list[tuple[Entry, Path, str, str, str]]) -> None:
    """Each ``#section`` names a heading of its target page (rendered only for pages linked that way)."""
    from stackguides.pages import (
        PageBuilder,  # the pages depend on the catalog; only needed for anchored links
    )

    builder = PageBuilder(check.catalog)
    anchors: dict[tuple[str, str], set[str]] = {}
    for entry, path, kind, target_id, anchor in links:
        key = (kind, target_id)
        if key not in anchors:
            anchors[key] = heading_anchors(builder.page_for(kind, target_id).markdown)
        if anchor not in anchors[key]:
            guesses = difflib.get_close_matches(anchor, sorted(anchors[key]), n=1, cutoff=0.5)
            hint = (
                f": did you mean `#{guesses[0]}`?"
                if guesses
                else "; the sections are: " + ", ".join(f"`#{name}`" for name in sorted(anchors[key]))
            )
            check.fail(entry, path, f"the page `../{kind}/{target_id}.md` has no section `#{anchor}`{hint}")


def check_references(
    catalog: Catalog, on_disk: dict[str, set[str]], may_link: set[tuple[str, str]] | None = None
) -> list[DataError]:
    """Every cross-file and cross-field problem in the catalog.

    ``may_link`` (kind, id) pairs limit the check of links between pages to the
    entries whose file text may hold one; ``None`` checks every entry.
    """
    check = _Checker(catalog, on_disk, may_link)
    for rule in (
        _tools,
        _categories,
        _comparisons,
        _costs,
        _guides,
        _faqs,
        _look_alike_names,
        _relative_links,
    ):
        rule(check)
    return check.errors
