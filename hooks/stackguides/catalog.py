"""The catalog: every validated entry of every kind, keyed by id, and what follows from them.

The loader (``stackguides.load``) builds it; everything after validation
reads it. It holds only data that passed every check.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Generic, TypeVar

from stackguides.kinds import KINDS
from stackguides.releases import ReleaseSnapshot
from stackguides.validate.models import Category, Comparison, CostEstimate, DataModel, FaqTopic, Guide, Tool

if TYPE_CHECKING:
    from stackguides.load.yaml_document import SourceDocument

ModelT = TypeVar("ModelT", bound=DataModel)


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
    releases: ReleaseSnapshot | None = None  # data/releases.yml: the latest release of each PyPI name

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
