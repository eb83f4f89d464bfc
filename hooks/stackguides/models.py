"""The data model: one Pydantic model per data kind, the single source of truth.

The same models validate the YAML, generate the JSON Schemas editors use,
and document the fields (each ``description`` shows up in the schema and in
the contributing guide).
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from .markdown_safety import find_unsafe_markup, unsafe_url_reason

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def _safe_markdown(text: str) -> str:
    problems = find_unsafe_markup(text)
    if problems:
        raise ValueError("; ".join(problems))
    return text


def _single_line(text: str) -> str:
    if "\n" in text.strip():
        raise ValueError("this field is one line of text; join the lines or use a list")
    if not text.strip():
        raise ValueError("this field is empty; write some text or remove the key")
    return text


def _http_url(url: str) -> str:
    reason = unsafe_url_reason(url)
    if reason or not url.startswith(("https://", "http://")):
        raise ValueError(f"expected a web address starting with https:// (or http://), got `{url}`")
    return url


def _text(max_length: int, description: str):
    return Annotated[
        str,
        StringConstraints(min_length=1, max_length=max_length),
        AfterValidator(_single_line),
        AfterValidator(_safe_markdown),
        Field(description=description),
    ]


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=64),
    Field(description="An id: lowercase letters, digits and single hyphens, e.g. `fastapi`."),
]
Name = _text(100, "A short name or title, one line, up to 100 characters.")
QuestionText = _text(200, "A question, one line, up to 200 characters.")
Line = _text(300, "One line of text (inline Markdown allowed), up to 300 characters.")
Markdown = Annotated[
    str,
    StringConstraints(min_length=1, max_length=5000),
    AfterValidator(_safe_markdown),
    Field(description="Markdown text (no raw HTML), up to 5,000 characters."),
]
Url = Annotated[
    str,
    StringConstraints(max_length=500),
    AfterValidator(_http_url),
    Field(description="A web address starting with https://"),
]
ReviewDate = Annotated[
    datetime.date,
    Field(strict=False, description="When the entry was last checked, as YYYY-MM-DD."),
]
Icon = Annotated[
    str,
    StringConstraints(pattern=r"^(material|fontawesome/(solid|regular|brands)|octicons|simple)/[a-z0-9-]+$"),
    Field(
        description="A Material icon name, e.g. `material/web` (see the icon search on squidfunk.github.io)."
    ),
]
Quadrant = Literal["frameworks", "data", "tooling", "platforms"]
Verdict = Literal["recommended", "solid", "legacy", "avoid"]
AsyncSupport = Literal["native", "supported", "none"]
CodeLanguage = Literal[
    "python", "toml", "yaml", "bash", "javascript", "typescript", "sql", "dockerfile", "ini", "json", "text"
]


class DataModel(BaseModel):
    """Base for every data kind: unknown keys are errors and types are strict."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Source(DataModel):
    """A page that supports the facts on this entry."""

    title: Name
    url: Url


class Links(DataModel):
    """Where to learn more about a tool."""

    home: Url = Field(description="The official home page (or the repository if there is none).")
    docs: Url | None = Field(None, description="The official documentation.")
    repository: Url | None = Field(None, description="The source repository.")
    pypi: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$")] | None = (
        Field(None, description="The PyPI project name, if the tool is installed with pip.")
    )


class CodeExample(DataModel):
    """A short code example shown on the tool page."""

    language: CodeLanguage
    title: Name | None = None
    code: Annotated[str, StringConstraints(min_length=1, max_length=4000)]


class Category(DataModel):
    """A group of tools that do the same job, e.g. web frameworks."""

    name: Name
    summary: Line
    icon: Icon
    order: int = Field(description="Position on the home page; lower comes first.")
    quadrant: Quadrant = Field(description="Where its tools sit on the technology radar.")
    description: Markdown | None = None
    reviewed: ReviewDate


class Tool(DataModel):
    """One technology: a framework, library, database, service or language."""

    name: Name
    category: Id = Field(description="The id of the category this tool belongs to.")
    summary: Line
    best_for: Line
    pros: list[Line] = Field(min_length=3, description="At least three strengths specific to this tool.")
    cons: list[Line] = Field(min_length=2, description="At least two weaknesses specific to this tool.")
    when_to_use: list[Line] = Field(min_length=1)
    links: Links
    version: Annotated[str, StringConstraints(min_length=1, max_length=60)] = Field(
        description="The recommended version. For a PyPI package, a pip constraint such as `>=2.0,<3`; "
        "otherwise a version such as `17`."
    )
    extras: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$")]] = Field(
        default_factory=list, description="pip extras to install, e.g. `standard` for `uvicorn[standard]`."
    )
    license: Name
    verdict: Verdict = Field(
        description="recommended: a default choice today; solid: a good choice in its niche; "
        "legacy: still works but prefer an alternative for new work; avoid: do not start with it."
    )
    verdict_reason: Line | None = Field(None, description="Why; required unless the verdict is recommended.")
    notes: Markdown | None = Field(None, description="Anything a reader should know, e.g. outdated advice.")
    async_support: AsyncSupport | None = Field(None, description="native, supported or none.")
    alternatives: list[Id] = Field(default_factory=list, description="Ids of tools that do the same job.")
    example: CodeExample | None = None
    reviewed: ReviewDate


def _cell(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


class Cell(DataModel):
    """One tool's value for one criterion: text, optionally rated 1 (poor) to 5 (excellent)."""

    text: Line
    rating: Annotated[int, Field(ge=1, le=5)] | None = None


class Criterion(DataModel):
    """A row of a comparison: one value per compared tool."""

    name: Name
    values: dict[Id, Annotated[Cell, BeforeValidator(_cell, json_schema_input_type=Line | Cell)]] = Field(
        description="For each compared tool id, a text or a mapping with `text` and `rating` (1-5)."
    )


class Comparison(DataModel):
    """Tools side by side, criterion by criterion."""

    title: Name
    summary: Line
    tools: list[Id] = Field(min_length=2, description="Ids of the tools compared, in column order.")
    criteria: list[Criterion] = Field(min_length=1)
    verdict: Markdown | None = None
    sources: list[Source] = Field(default_factory=list)
    reviewed: ReviewDate


class Tier(DataModel):
    """A cost band, e.g. MVP: 25,000 to 65,000."""

    name: Name
    low: Annotated[int, Field(ge=0)]
    high: Annotated[int, Field(ge=0)] | None = Field(None, description="Leave out for an open upper end.")
    covers: Line


class CostEstimate(DataModel):
    """What building something costs, in tiers."""

    title: Name
    summary: Line
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        description="An ISO 4217 code such as USD or EUR."
    )
    tiers: list[Tier] = Field(min_length=1)
    notes: Markdown | None = None
    sources: list[Source] = Field(default_factory=list)
    reviewed: ReviewDate


class Question(DataModel):
    """A frequently asked question with a Markdown answer."""

    question: QuestionText
    answer: Markdown
    tools: list[Id] = Field(default_factory=list, description="Ids of tools the answer is about.")


def _alternative(value: object) -> object:
    return {"tool": value} if isinstance(value, str) else value


class Alternative(DataModel):
    """Another tool that could fill a guide layer, with when to prefer it."""

    tool: Id
    note: Line | None = None


class Layer(DataModel):
    """One layer of a stack (frontend, backend, database, ...)."""

    name: Name
    icon: Icon | None = None
    choice: list[Id] = Field(min_length=1, description="Ids of the tools chosen for this layer.")
    why: Markdown
    alternatives: list[
        Annotated[Alternative, BeforeValidator(_alternative, json_schema_input_type=Id | Alternative)]
    ] = Field(min_length=1)


class Project(DataModel):
    """A practice project in a learning guide."""

    level: Literal["basic", "intermediate", "advanced"]
    title: Name
    description: Line
    tools: list[Id] = Field(default_factory=list)


class Guide(DataModel):
    """A tech stack guide: layers, cost, advantages, trade-offs and FAQ."""

    title: Name
    summary: Line
    intro: Markdown
    layers: list[Layer] = Field(min_length=1)
    cost: Id | None = Field(None, description="The id of a cost estimate in data/costs/.")
    advantages: list[Line] = Field(default_factory=list)
    tradeoffs: list[Line] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    faq: list[Question] = Field(default_factory=list)
    related: list[Id] = Field(default_factory=list, description="Ids of related guides.")
    sources: list[Source] = Field(default_factory=list)
    reviewed: ReviewDate


class FaqTopic(DataModel):
    """A page of questions and answers on one topic."""

    title: Name
    summary: Line
    questions: list[Question] = Field(min_length=1)
    reviewed: ReviewDate


KINDS: dict[str, type[DataModel]] = {
    "categories": Category,
    "tools": Tool,
    "comparisons": Comparison,
    "costs": CostEstimate,
    "guides": Guide,
    "faqs": FaqTopic,
}
"""Each folder under ``data/`` and the model its files follow."""
