"""Build the list of generated pages from a catalog: (path, Markdown, source file).

Every page is rendered once per build from a compiled template; nothing here
knows about MkDocs. Paths are relative to the docs root (``tools/fastapi.md``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .catalog import Catalog, Entry
from .charts import QUADRANTS, RADAR_SIZE, RING_RADII, RINGS, cost_bars, radar_dots
from .markdown_safety import plain_text
from .models import Guide, Question
from .render import money, template

VERDICTS = {
    "recommended": {"label": "Recommended", "admonition": "success", "icon": "material/thumb-up"},
    "solid": {"label": "Solid choice", "admonition": "info", "icon": "material/check-circle"},
    "legacy": {"label": "Legacy", "admonition": "warning", "icon": "material/history"},
    "avoid": {"label": "Avoid for new work", "admonition": "danger", "icon": "material/cancel"},
}
ASYNC_LABELS = {"native": "Native async", "supported": "Async supported", "none": "Sync only"}


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes, its Markdown, and the data file it came from."""

    path: str
    markdown: str
    source: str | None = None


def _root(path: str) -> str:
    """The relative prefix from a page to the docs root."""
    return "../" * path.count("/")


def faq_jsonld(questions: list[Question]) -> dict:
    """schema.org FAQPage structured data for a list of questions."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": plain_text(q.question),
                "acceptedAnswer": {"@type": "Answer", "text": plain_text(q.answer)},
            }
            for q in questions
        ],
    }


def dependency_lines(guide: Guide, catalog: Catalog) -> list[str]:
    """PEP 508 requirement strings for the PyPI tools a guide chooses, in layer order."""
    lines: dict[str, None] = {}
    for layer in guide.layers:
        for tool_id in layer.choice:
            tool = catalog.tools[tool_id].data
            if tool.links.pypi:
                extras = f"[{','.join(tool.extras)}]" if tool.extras else ""
                lines[f"{tool.links.pypi}{extras}{tool.version}"] = None
    return list(lines)


def requires_python(guide: Guide, catalog: Catalog) -> str | None:
    """The guide's Python version floor, if it chooses the ``python`` tool."""
    for layer in guide.layers:
        if "python" in layer.choice and "python" in catalog.tools:
            version = catalog.tools["python"].data.version
            return version if version[:1] in "<>=~!" else f">={version}"
    return None


class PageBuilder:
    """Renders every page of the site from one catalog."""

    def __init__(self, catalog: Catalog):
        self.catalog = catalog

    def _render(self, name: str, path: str, source: str | None = None, **context) -> Page:
        context.setdefault("jsonld", None)
        markdown = template(name).render(
            catalog=self.catalog,
            root=_root(path),
            verdicts=VERDICTS,
            async_labels=ASYNC_LABELS,
            **context,
        )
        return Page(path, markdown, source)

    def _entry_page(self, name: str, entry: Entry, **context) -> Page:
        return self._render(
            name, f"{entry.kind}/{entry.id}.md", entry.file, entry=entry, data=entry.data, **context
        )

    def tool_pages(self) -> Iterator[Page]:
        for entry in self.catalog.tools.values():
            yield self._entry_page(
                "tool",
                entry,
                category=self.catalog.categories[entry.data.category],
                mentions=self.catalog.mentions.get(entry.id, []),
            )

    def category_pages(self) -> Iterator[Page]:
        for entry in self.catalog.categories.values():
            yield self._entry_page("category", entry, tools=self.catalog.tools_by_category.get(entry.id, []))

    def comparison_pages(self) -> Iterator[Page]:
        for entry in self.catalog.comparisons.values():
            yield self._entry_page("comparison", entry)

    def guide_pages(self) -> Iterator[Page]:
        for entry in self.catalog.guides.values():
            guide = entry.data
            cost = self.catalog.costs[guide.cost] if guide.cost else None
            yield self._entry_page(
                "guide",
                entry,
                cost=cost,
                cost_bars=cost_bars(cost.data, money) if cost else [],
                dependencies=dependency_lines(guide, self.catalog),
                python_floor=requires_python(guide, self.catalog),
                jsonld=faq_jsonld(guide.faq) if guide.faq else None,
            )

    def faq_pages(self) -> Iterator[Page]:
        for entry in self.catalog.faqs.values():
            yield self._entry_page("faq", entry, jsonld=faq_jsonld(entry.data.questions))

    def index_pages(self) -> Iterator[Page]:
        catalog = self.catalog
        yield self._render("home", "index.md")
        yield self._render("guides_index", "guides/index.md")
        yield self._render("categories_index", "categories/index.md")
        yield self._render("comparisons_index", "comparisons/index.md")
        yield self._render("tools_index", "tools/index.md")
        yield self._render("compare", "compare/index.md")
        yield self._render(
            "radar",
            "radar/index.md",
            dots=radar_dots(catalog),
            size=RADAR_SIZE,
            rings=RINGS,
            ring_radii=RING_RADII,
            quadrants=QUADRANTS,
        )
        questions = [q for topic in catalog.faqs.values() for q in topic.data.questions]
        questions += [q for guide in catalog.guides.values() for q in guide.data.faq]
        yield self._render("faqs_index", "faqs/index.md", jsonld=faq_jsonld(questions) if questions else None)

    def pages(self) -> list[Page]:
        """Every generated page, index pages first."""
        return [
            *self.index_pages(),
            *self.guide_pages(),
            *self.category_pages(),
            *self.comparison_pages(),
            *self.faq_pages(),
            *self.tool_pages(),
        ]


def build_pages(catalog: Catalog) -> list[Page]:
    """Render every page of the site for ``catalog``."""
    return PageBuilder(catalog).pages()
