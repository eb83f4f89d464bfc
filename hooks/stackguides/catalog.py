"""Load every data file, validate it, and hold the result as one catalog.

``load_catalog`` is the single entry point: it reads ``data/``, reports all
errors of all files in one :class:`DataErrors`, and otherwise returns a
:class:`Catalog` whose cross-references are known to resolve.
"""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Generic, TypeVar

from .data_files import find_data_files, read_data_file
from .errors import DataError, DataErrors
from .models import KINDS, Category, Comparison, CostEstimate, DataModel, FaqTopic, Guide, Tool
from .references import check_references
from .schema_errors import validate_model
from .yaml_source import MAX_FILE_BYTES, SourceDocument, load_document

ModelT = TypeVar("ModelT", bound=DataModel)
# A Markdown link or reference whose target has no http(s)/mailto scheme; files without one skip
# the link check (most files: it would otherwise walk every string of every entry).
_PAGE_LINK_HINT = re.compile(rb"\]\((?![ \t]*<?(?:https?|mailto):)|\]:[ \t]*(?!<?(?:https?|mailto):)")
# Ids whose page path the site uses for something else, and what for.
RESERVED_IDS = {
    kind: {"index": f"the list of all {kind}"} for kind in ("categories", "comparisons", "guides", "faqs")
} | {"tools": {"index": "the list of all tools", "a-z": "the pages of the A to Z list"}}


@dataclass(frozen=True)
class Entry(Generic[ModelT]):
    """One validated data file: its id, where it lives, and its model."""

    id: str
    kind: str
    file: str
    data: ModelT
    source: SourceDocument = field(repr=False, compare=False)


@dataclass(frozen=True)
class Mention:
    """A page that mentions a tool (for backlinks)."""

    kind: str
    id: str
    title: str


@dataclass
class Catalog:
    """All the data, validated and cross-checked, keyed by id."""

    categories: dict[str, Entry[Category]]
    tools: dict[str, Entry[Tool]]
    comparisons: dict[str, Entry[Comparison]]
    costs: dict[str, Entry[CostEstimate]]
    guides: dict[str, Entry[Guide]]
    faqs: dict[str, Entry[FaqTopic]]

    def of_kind(self, kind: str) -> dict[str, Entry]:
        """The entries of one kind (a folder name under ``data/``)."""
        return getattr(self, kind)

    def all_entries(self) -> list[Entry]:
        """Every entry of every kind."""
        return [entry for kind in KINDS for entry in self.of_kind(kind).values()]

    @cached_property
    def categories_in_order(self) -> list[Entry[Category]]:
        """Categories sorted by their ``order`` field, then name."""
        return sorted(self.categories.values(), key=lambda e: (e.data.order, e.data.name.lower()))

    @cached_property
    def tools_by_category(self) -> dict[str, list[Entry[Tool]]]:
        """Each category's tools, sorted by name."""
        grouped: dict[str, list[Entry[Tool]]] = defaultdict(list)
        for tool in sorted(self.tools.values(), key=lambda e: e.data.name.lower()):
            grouped[tool.data.category].append(tool)
        return grouped

    @cached_property
    def mentions(self) -> dict[str, list[Mention]]:
        """For each tool id, the guides, comparisons and FAQ topics that mention it."""
        found: dict[str, dict[Mention, None]] = defaultdict(dict)
        for guide in self.guides.values():
            mention = Mention("guides", guide.id, guide.data.title)
            for layer in guide.data.layers:
                for tool_id in [*layer.choice, *(alt.tool for alt in layer.alternatives)]:
                    found[tool_id][mention] = None
            for question in guide.data.faq:
                for tool_id in question.tools:
                    found[tool_id][mention] = None
            for project in guide.data.projects:
                for tool_id in project.tools:
                    found[tool_id][mention] = None
        for comparison in self.comparisons.values():
            mention = Mention("comparisons", comparison.id, comparison.data.title)
            for tool_id in comparison.data.tools:
                found[tool_id][mention] = None
        for topic in self.faqs.values():
            mention = Mention("faqs", topic.id, topic.data.title)
            for question in topic.data.questions:
                for tool_id in question.tools:
                    found[tool_id][mention] = None
        return {tool_id: list(mentions) for tool_id, mentions in found.items()}


def load_catalog(root: Path, data_dir: str = "data") -> Catalog:
    """Load and validate every file under ``root / data_dir``.

    Raises :class:`DataErrors` listing every problem in every file.
    """
    # Loading creates millions of small, acyclic objects that all stay alive; the cyclic
    # garbage collector would rescan them again and again (it tripled the time at 10,000
    # tools). Nothing here makes cycles, so collection waits until loading is done.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_catalog(root, data_dir)
    finally:
        if was_enabled:
            gc.enable()


def _load_catalog(root: Path, data_dir: str) -> Catalog:
    base = root / data_dir
    if base.is_symlink() or not base.is_dir():
        problem = "is a symbolic link; make it a real folder" if base.is_symlink() else "does not exist"
        raise DataErrors([DataError(data_dir, 0, 0, "", f"the data folder {problem}")])
    files, errors = find_data_files(base, data_dir, list(KINDS), RESERVED_IDS)
    loaded: dict[str, dict[str, Entry]] = {kind: {} for kind in KINDS}
    on_disk: dict[str, set[str]] = {kind: set() for kind in KINDS}
    may_link: set[tuple[str, str]] = set()  # entries whose text may hold a link between pages
    for file in files:
        on_disk[file.kind].add(file.id)
        try:
            raw = read_data_file(file, MAX_FILE_BYTES)
        except OSError as error:
            errors.append(
                DataError(file.display, 0, 0, "", f"the file could not be read ({error.strerror or error})")
            )
            continue
        if _PAGE_LINK_HINT.search(raw):
            may_link.add((file.kind, file.id))
        document, file_errors = load_document(file.display, raw)
        if document is None:
            errors.extend(file_errors)
            continue
        data, model_errors = validate_model(document, KINDS[file.kind])
        if data is None:
            errors.extend(model_errors)
            continue
        loaded[file.kind][file.id] = Entry(file.id, file.kind, file.display, data, document)
    catalog = Catalog(**loaded)
    errors.extend(check_references(catalog, on_disk, may_link))
    if errors:
        raise DataErrors(errors)
    for entry in catalog.all_entries():
        entry.source.release()
    return catalog
