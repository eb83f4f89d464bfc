"""Build the list of generated pages from a catalog: (path, Markdown, source file).

Every page is rendered once per build from a compiled template; nothing here
knows about MkDocs. Paths are relative to the docs root (``tools/fastapi.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from stackguides.catalog import Catalog, Entry
from stackguides.errors import DataError
from stackguides.kinds import ASYNC_LABELS, KINDS, VERDICTS
from stackguides.markdown_text import plain_text
from stackguides.pages.charts import QUADRANT_SIZE, RINGS, cost_chart, radar
from stackguides.pages.templates import template
from stackguides.releases import tool_release
from stackguides.validate.costs import UNITS_PER_WEEK, running_total
from stackguides.validate.models import Guide, Question

# Limits that keep every index page the same size however large the catalog grows.
EntryMapper = Callable[
    [Callable[[tuple[str, str]], "PageSource | DataError"], list[tuple[str, str]]], Iterable
]
"""How :meth:`PageBuilder.pages_and_errors` maps the drawing of one entry page over every entry."""

TOOLS_PER_INDEX_PAGE = 200  # rows of the A to Z table on one page
RADAR_DOTS_PER_CELL = 32  # at most this many blips per quadrant and ring (the rest: category pages)
FAQ_INDEX_QUESTIONS = 5  # questions per topic or guide on the FAQ index
FAQ_INDEX_SECTIONS = 12  # topics and guides shown with their questions there (the rest: links)
HOME_CARDS = 24  # guide cards and category cards on the home page, each


@dataclass(frozen=True)
class IndexPart:
    """One page of the A to Z list: its path, the tools on it, and the names it runs from and to."""

    path: str
    tools: list[Entry]

    @property
    def first(self) -> str:
        """Name of the first tool on this page."""
        return self.tools[0].data.name

    @property
    def last(self) -> str:
        """Name of the last tool on this page."""
        return self.tools[-1].data.name


def tool_index_parts(catalog: Catalog, per_page: int = TOOLS_PER_INDEX_PAGE) -> list[IndexPart]:
    """The A to Z list cut into pages of at most ``per_page`` tools (one page, ``tools/index.md``, if they fit)."""
    tools = sorted(catalog.tools.values(), key=lambda entry: (entry.data.name.lower(), entry.id))
    if len(tools) <= per_page:
        return [IndexPart("tools/index.md", tools)]
    return [
        IndexPart(f"tools/a-z/{number}.md", tools[start : start + per_page])
        for number, start in enumerate(range(0, len(tools), per_page), start=1)
    ]


@dataclass(frozen=True)
class FaqSection:
    """A set of questions on the FAQ index: an FAQ topic, or a guide's own questions."""

    title: str
    link: str  # relative to faqs/index.md
    questions: list[Question]
    guide: bool


def faq_sections(catalog: Catalog) -> list[FaqSection]:
    """FAQ topics by title, then the guides that have questions, by title."""
    topics = sorted(catalog.faqs.values(), key=lambda entry: entry.data.title)
    guides = sorted((e for e in catalog.guides.values() if e.data.faq), key=lambda entry: entry.data.title)
    return [FaqSection(t.data.title, f"{t.id}.md", t.data.questions, False) for t in topics] + [
        FaqSection(g.data.title, f"../guides/{g.id}.md#frequently-asked-questions", g.data.faq, True)
        for g in guides
    ]


@dataclass(frozen=True)
class PageSource:
    """The source of a generated page: where it goes, its Markdown, and the data file it came from."""

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

    def _render(self, name: str, path: str, source: str | None = None, **context) -> PageSource:
        context.setdefault("jsonld", None)
        markdown = template(name).render(
            catalog=self.catalog,
            root=_root(path),
            verdicts=VERDICTS,
            async_labels=ASYNC_LABELS,
            kinds=KINDS,
            **context,
        )
        return PageSource(path, markdown, source)

    def _entry_page(self, name: str, entry: Entry, **context) -> PageSource:
        return self._render(
            name, f"{entry.kind}/{entry.id}.md", entry.file, entry=entry, data=entry.data, **context
        )

    def tool_page(self, entry: Entry) -> PageSource:
        """The page of one tool."""
        return self._entry_page(
            "tool",
            entry,
            category=self.catalog.categories[entry.data.category],
            mentions=self.catalog.mentions.get(entry.id, []),
            release=tool_release(self.catalog.releases, entry.data.links.pypi),
        )

    def category_page(self, entry: Entry) -> PageSource:
        """The page of one category."""
        return self._entry_page("category", entry, tools=self.catalog.tools_by_category.get(entry.id, []))

    def comparison_page(self, entry: Entry) -> PageSource:
        """The page of one comparison."""
        return self._entry_page("comparison", entry)

    def guide_page(self, entry: Entry) -> PageSource:
        """The page of one guide."""
        guide = entry.data
        cost = self.catalog.costs[guide.cost] if guide.cost else None
        return self._entry_page(
            "guide",
            entry,
            cost=cost,
            chart=cost_chart(cost.data) if cost else None,
            running_total=running_total(cost.data) if cost else None,
            week_units=UNITS_PER_WEEK.get(cost.data.assumptions.rate.per) if cost else None,
            dependencies=dependency_lines(guide, self.catalog),
            python_floor=requires_python(guide, self.catalog),
            jsonld=faq_jsonld(guide.faq) if guide.faq else None,
        )

    def faq_page(self, entry: Entry) -> PageSource:
        """The page of one FAQ topic."""
        return self._entry_page("faq", entry, jsonld=faq_jsonld(entry.data.questions))

    def placeholder_page(self, kind: str, entry_id: str, file: str, errors: list[DataError]) -> PageSource:
        """For the preview: the page of an entry whose file is not valid yet, naming the file and its errors."""
        return self._render(
            "placeholder",
            f"{kind}/{entry_id}.md",
            file,
            file=file,
            noun=KINDS[kind].noun,
            errors=[error for error in errors if error.file == file],
        )

    def page_for(self, kind: str, entry_id: str) -> PageSource:
        """The page of one entry, by kind (``tools``) and id."""
        draw = getattr(self, f"{KINDS[kind].singular}_page")
        return draw(self.catalog.of_kind(kind)[entry_id])

    def tool_pages(self) -> Iterator[PageSource]:
        return map(self.tool_page, self.catalog.tools.values())

    def category_pages(self) -> Iterator[PageSource]:
        return map(self.category_page, self.catalog.categories.values())

    def comparison_pages(self) -> Iterator[PageSource]:
        return map(self.comparison_page, self.catalog.comparisons.values())

    def guide_pages(self) -> Iterator[PageSource]:
        return map(self.guide_page, self.catalog.guides.values())

    def faq_pages(self) -> Iterator[PageSource]:
        return map(self.faq_page, self.catalog.faqs.values())

    def index_pages(self) -> Iterator[PageSource]:
        catalog = self.catalog
        yield self._render("home", "index.md", cards=HOME_CARDS)
        yield self._render("guides_index", "guides/index.md")
        yield self._render("categories_index", "categories/index.md")
        yield self._render("comparisons_index", "comparisons/index.md")
        yield from self.tool_index_pages()
        yield self._render("compare", "compare/index.md")
        yield self._render(
            "radar",
            "radar/index.md",
            radar=radar(catalog, RADAR_DOTS_PER_CELL),
            per_cell=RADAR_DOTS_PER_CELL,
            size=QUADRANT_SIZE,
            rings=RINGS,
        )
        sections = faq_sections(catalog)
        shown = [
            q for section in sections[:FAQ_INDEX_SECTIONS] for q in section.questions[:FAQ_INDEX_QUESTIONS]
        ]
        yield self._render(
            "faqs_index",
            "faqs/index.md",
            sections=sections,
            max_sections=FAQ_INDEX_SECTIONS,
            per_section=FAQ_INDEX_QUESTIONS,
            jsonld=faq_jsonld(shown) if shown else None,
        )

    def tool_index_pages(self) -> Iterator[PageSource]:
        """``tools/index.md``, and when the catalog is large, one page per slice of the A to Z list."""
        parts = tool_index_parts(self.catalog)
        if len(parts) == 1:
            yield self._render("tools_index", "tools/index.md", tools=parts[0].tools, parts=None, part=None)
            return
        yield self._render("tools_index", "tools/index.md", tools=[], parts=parts, part=None)
        for number, part in enumerate(parts):
            yield self._render("tools_index", part.path, tools=part.tools, parts=parts, part=number)

    def pages(self) -> list[PageSource]:
        """Every generated page, index pages first."""
        pages, errors = self.pages_and_errors()
        if errors:
            raise PageBuildErrors(errors)
        return pages

    def pages_and_errors(self, map_entries: EntryMapper = map) -> tuple[list[PageSource], list[DataError]]:
        """Every page that could be drawn, and one error per data file whose page could not.

        A page that fails to draw is a bug (validation should have refused the
        data); the error names the file so the preview can show it like any
        data error and keep serving the rest. ``map_entries`` draws the entry
        pages (``map``, or one that shares them among worker processes and
        gives the results back in order).
        """
        pages: list[PageSource] = []
        errors: list[DataError] = []
        try:
            pages.extend(self.index_pages())
        except Exception as exc:  # any failure: reported with the data folder, never a traceback
            errors.append(_drawing_error("data", "the index pages", exc))
        keys = [
            (kind, entry_id)
            for kind in ("guides", "categories", "comparisons", "faqs", "tools")  # index pages link these
            for entry_id in self.catalog.of_kind(kind)
        ]
        for drawn in map_entries(self.entry_page_or_error, keys):
            (pages if isinstance(drawn, PageSource) else errors).append(drawn)
        return pages, errors

    def entry_page_or_error(self, key: tuple[str, str]) -> PageSource | DataError:
        """The page of the entry ``key`` (kind, id), or the error that names its file if it cannot be drawn."""
        kind, entry_id = key
        entry = self.catalog.of_kind(kind)[entry_id]
        try:
            return getattr(self, f"{KINDS[kind].singular}_page")(entry)
        except Exception as exc:  # any failure: reported with its file, never a traceback
            return _drawing_error(entry.file, "its page", exc)


class PageBuildErrors(Exception):
    """Pages that could not be drawn, one :class:`DataError` per data file."""

    def __init__(self, errors: list[DataError]):
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


def _drawing_error(file: str, what: str, exc: Exception) -> DataError:
    return DataError(
        file,
        0,
        0,
        "",
        f"{what} could not be drawn ({type(exc).__name__}: {exc}). The data passed validation, so this is a "
        "bug in Stack Guides: please report it with this file; until then, change the value it names",
    )


CONTRIBUTING_FRONT_MATTER = (
    "---\ndescription: How to add or change a tool, guide, comparison or FAQ with a pull request.\n---\n\n"
)


def contributing_page(contributing_markdown: str) -> PageSource:
    """The site's contributing page: the repository's CONTRIBUTING.md with a meta description."""
    return PageSource("contributing.md", CONTRIBUTING_FRONT_MATTER + contributing_markdown, "CONTRIBUTING.md")


def build_pages(catalog: Catalog) -> list[PageSource]:
    """Render every page of the site for ``catalog`` (raises :class:`PageBuildErrors` if any cannot be drawn)."""
    return PageBuilder(catalog).pages()
