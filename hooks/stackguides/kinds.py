"""The registry of data kinds and of the words the site uses for coded values, written once.

Everything that needs to know what kinds of data exist (the loader, the
cross-checks, the page builder, the JSON API and Schemas, the scaffolds, the
command line, and through ``api/vocabulary.json`` the browser script) reads
it from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stackguides.validate.models import (
    ID_PATTERN,
    Category,
    Comparison,
    CostEstimate,
    DataModel,
    FaqTopic,
    Guide,
    Tool,
)


@dataclass(frozen=True)
class Kind:
    """One kind of data: a folder under ``data/``, its model, and how the site names and shows it."""

    folder: str  # "tools": the folder under data/ and under the site's URLs
    singular: str  # "tool": `stackguides new tool`, schema file names
    noun: str  # "tool": in messages ("unknown tool `x`")
    model: type[DataModel]
    template: str | None  # the page template in overrides/stackguides/, or None (no page of its own)
    reserved_ids: dict[str, str] = field(default_factory=dict)  # ids the site's own pages use, and what for
    mention: str | None = None  # how a "Mentioned in" list calls a page of this kind
    title_field: str = "title"  # the field a reader knows an entry by

    @property
    def schema(self) -> str:
        """The file name of this kind's JSON Schema (``tool.schema.json``)."""
        return f"{self.singular}.schema.json"


def _index(folder: str) -> dict[str, str]:
    return {"index": f"the list of all {folder}"}


KINDS: dict[str, Kind] = {
    kind.folder: kind
    for kind in (
        Kind(
            "categories",
            "category",
            "category",
            Category,
            "category",
            _index("categories"),
            title_field="name",
        ),
        Kind(
            "tools",
            "tool",
            "tool",
            Tool,
            "tool",
            _index("tools") | {"a-z": "the pages of the A to Z list"},
            title_field="name",
        ),
        Kind(
            "comparisons",
            "comparison",
            "comparison",
            Comparison,
            "comparison",
            _index("comparisons"),
            "comparison",
        ),
        Kind("costs", "cost", "cost estimate", CostEstimate, None),
        Kind("guides", "guide", "guide", Guide, "guide", _index("guides"), "guide"),
        Kind("faqs", "faq", "FAQ topic", FaqTopic, "faq", _index("faqs"), "FAQ"),
    )
}
"""Every kind, by folder, in the order the loader reads and the site lists them."""

BY_SINGULAR: dict[str, Kind] = {kind.singular: kind for kind in KINDS.values()}
"""Every kind, by its singular (``tool``)."""

VERDICTS: dict[str, dict[str, str]] = {
    "recommended": {"label": "Recommended", "admonition": "success", "icon": "material/thumb-up"},
    "solid": {"label": "Solid choice", "admonition": "info", "icon": "material/check-circle"},
    "legacy": {"label": "Legacy", "admonition": "warning", "icon": "material/history"},
    "avoid": {"label": "Avoid for new work", "admonition": "danger", "icon": "material/cancel"},
}
"""Each verdict: its label, the admonition that shows it, and its icon."""

ASYNC_LABELS: dict[str, str] = {"native": "Native async", "supported": "Async supported", "none": "Sync only"}
"""Each ``async_support`` value's label."""


def vocabulary() -> dict:
    """What the browser script needs to show coded values as words (published as ``api/vocabulary.json``)."""
    return {
        "id_pattern": ID_PATTERN,
        "verdicts": {verdict: facts["label"] for verdict, facts in VERDICTS.items()},
        "async_support": ASYNC_LABELS,
        "kinds": {kind.folder: {"singular": kind.singular, "noun": kind.noun} for kind in KINDS.values()},
    }
