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

from stackguides.markdown_text import find_unsafe_markup, relative_link
from stackguides.validate.licenses import license_problem
from stackguides.validate.text import character_problem
from stackguides.validate.urls import url_problem

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
VERSION_PATTERN = r"^[A-Za-z0-9<>=!~][A-Za-z0-9 .,*+<>=!~()/-]*$"
MAX_AMOUNT = 10**12  # a cost or order beyond this is a typo, not data
EARLIEST_REVIEW = datetime.date(2020, 1, 1)


def _safe_markdown(text: str) -> str:
    problems = find_unsafe_markup(text)
    if problems:
        raise ValueError("; ".join(problems))
    problem = character_problem(text, one_line=False)
    if problem:
        raise ValueError(problem)
    return text


def _single_line(text: str) -> str:
    if "\n" in text.strip():
        raise ValueError("this field is one line of text; join the lines or use a list")
    if not text.strip():
        raise ValueError("this field is empty; write the text it asks for")
    problem = character_problem(text, one_line=True)
    if problem:
        raise ValueError(problem)
    return text


def _no_relative_links(text: str) -> str:
    link = relative_link(text)
    if link:
        raise ValueError(
            f"the link `{link}` is relative; a one-line field is shown on pages at different depths, "
            "so link with a full https:// address, or move the link into a Markdown field "
            "(`notes`, `description`, `why`, `answer`...)"
        )
    return text


def _http_url(url: str) -> str:
    problem = url_problem(url)
    if problem:
        raise ValueError(problem)
    return url


def _not_in_the_future(day: datetime.date) -> datetime.date:
    today = datetime.date.today()
    if day > today:
        raise ValueError(
            f"{day.isoformat()} is in the future; write the day you last checked the entry "
            f"(today is {today.isoformat()})"
        )
    if day < EARLIEST_REVIEW:
        raise ValueError(f"{day.isoformat()} is before {EARLIEST_REVIEW.year}; check the year")
    return day


def _text(max_length: int, description: str, *, markdown: bool = True):
    checks = [AfterValidator(_single_line)]
    if markdown:
        checks += [AfterValidator(_safe_markdown), AfterValidator(_no_relative_links)]
    return Annotated[
        str,
        StringConstraints(min_length=1, max_length=max_length),
        *checks,
        Field(description=description),
    ]


Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=64),
    Field(description="An id: lowercase letters, digits and single hyphens, e.g. `fastapi`."),
]
PlainName = _text(
    100,
    "A name or title, one line, up to 100 characters, shown exactly as written (Markdown has no effect).",
    markdown=False,
)
Label = _text(100, "A short label, one line (inline Markdown allowed), up to 100 characters.")
QuestionText = _text(200, "A question, one line (inline Markdown allowed), up to 200 characters.")
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
    Field(
        description="One absolute web address starting with https://, with no spaces, quotes, brackets, "
        "parentheses or user@ part, and an ASCII host."
    ),
]


def _spdx_license(text: str) -> str:
    problem = license_problem(text)
    if problem:
        raise ValueError(problem)
    return text


License = Annotated[
    PlainName,
    AfterValidator(_spdx_license),
    Field(
        description="An SPDX license expression (`MIT`, `Apache-2.0`, `MIT OR Apache-2.0`), then any note in "
        "parentheses; `proprietary` for a service with no public licence."
    ),
]
Version = Annotated[
    str,
    StringConstraints(min_length=1, max_length=60, pattern=VERSION_PATTERN),
    Field(
        description="The recommended version. For a PyPI package, a pip constraint such as `>=2.0,<3`; "
        "otherwise a version such as `17` (letters, digits, spaces and `. , * + < > = ! ~ ( ) / -`)."
    ),
]
ReviewDate = Annotated[
    datetime.date,
    Field(strict=False, description="When the entry was last checked, as YYYY-MM-DD (not in the future)."),
    AfterValidator(_not_in_the_future),
]
Amount = Annotated[int, Field(ge=0, le=MAX_AMOUNT)]
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

    title: PlainName
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
    title: PlainName | None = None
    code: Annotated[str, StringConstraints(min_length=1, max_length=4000)]


class Pick(DataModel):
    """A tool a category page names first, with one line of why."""

    tool: Id = Field(description="The id of a tool in this category.")
    why: Line = Field(description="One line: why a reader should pick it, and for what.")


class Category(DataModel):
    """A group of tools that do the same job, e.g. web frameworks."""

    name: PlainName
    summary: Line
    icon: Icon
    order: Annotated[int, Field(ge=0, le=100_000)] = Field(
        description="Position on the home page; lower comes first (0 to 100,000)."
    )
    quadrant: Quadrant = Field(description="Where its tools sit on the technology radar.")
    description: Markdown | None = None
    picks: list[Pick] = Field(
        min_length=1,
        max_length=4,
        description="The tools this category recommends first (one to four, each a `recommended` tool of "
        "the category), each with what to pick it for.",
    )
    runner_up: Pick | None = Field(
        None,
        description="The best tool after the picks, with why a reader might choose it instead; required "
        "once the category has two or more tools.",
    )
    reviewed: ReviewDate


class Tool(DataModel):
    """One technology: a framework, library, database, service or language."""

    name: PlainName
    category: Id = Field(description="The id of the category this tool belongs to.")
    summary: Line
    best_for: Line
    pros: list[Line] = Field(
        min_length=3, max_length=12, description="Three to twelve strengths specific to this tool."
    )
    cons: list[Line] = Field(
        min_length=2, max_length=12, description="Two to twelve weaknesses specific to this tool."
    )
    when_to_use: list[Line] = Field(min_length=1, max_length=12)
    links: Links
    version: Version
    extras: list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=40)]] = Field(
        default_factory=list,
        max_length=10,
        description="pip extras to install, e.g. `standard` for `uvicorn[standard]`.",
    )
    license: License
    verdict: Verdict = Field(
        description="recommended: a default choice today; solid: a good choice in its niche; "
        "legacy: still works but prefer an alternative for new work; avoid: do not start with it."
    )
    verdict_reason: Line = Field(
        description="One line in this tool's own words: why it gets its verdict and what that means for the "
        'reader\'s choice, e.g. "Pick it for ...; prefer X when ...". Required for every verdict.'
    )
    notes: Markdown | None = Field(None, description="Anything a reader should know, e.g. outdated advice.")
    async_support: AsyncSupport | None = Field(None, description="native, supported or none.")
    alternatives: list[Id] = Field(
        default_factory=list, max_length=20, description="Ids of tools that do the same job."
    )
    example: CodeExample | None = None
    sources: list[Source] = Field(
        min_length=1,
        max_length=30,
        description="At least one page that supports the facts on this entry: official docs, changelogs, "
        "release notes, pricing pages.",
    )
    reviewed: ReviewDate


def _cell(value: object) -> object:
    return {"text": value} if isinstance(value, str) else value


class Cell(DataModel):
    """One tool's value for one criterion: text, optionally rated 1 (poor) to 5 (excellent)."""

    text: Line
    rating: Annotated[int, Field(ge=1, le=5)] | None = None


class Criterion(DataModel):
    """A row of a comparison: one value per compared tool."""

    name: Label
    winner: Id | None = Field(
        None,
        description="The id of the tool that wins this row, if one does; rows with ratings name the "
        "single best-rated tool without it.",
    )
    values: dict[Id, Annotated[Cell, BeforeValidator(_cell, json_schema_input_type=Line | Cell)]] = Field(
        description="For each compared tool id, a text or a mapping with `text` and `rating` (1-5)."
    )


class Comparison(DataModel):
    """Tools side by side, criterion by criterion."""

    title: PlainName
    summary: Line
    tools: list[Id] = Field(
        min_length=2, max_length=12, description="Ids of the tools compared, in column order (2 to 12)."
    )
    criteria: list[Criterion] = Field(min_length=1, max_length=40)
    verdict: Markdown = Field(
        description="Markdown, shown above the table: the first sentence is the answer (which tool to pick, "
        "for what), then when to pick each of the others."
    )
    sources: list[Source] = Field(
        min_length=1,
        max_length=30,
        description="At least one official page (docs, changelog, release notes, pricing) that supports "
        "the figures in the rows.",
    )
    reviewed: ReviewDate


Weeks = Annotated[int, Field(ge=1, le=520, description="A number of weeks (1 to 520).")]


class TeamMember(DataModel):
    """One role on the team a tier assumes, e.g. two backend developers."""

    role: PlainName = Field(description="The role, e.g. `Backend developer`.")
    people: Annotated[float, Field(gt=0, le=100)] = Field(
        description="How many people in this role, full time; `0.5` for half time (more than 0, at most 100)."
    )


class Duration(DataModel):
    """How long building a tier takes, in weeks."""

    low: Weeks
    high: Weeks | None = Field(None, description="Leave out for an open upper end (an open-ended tier).")


class Tier(DataModel):
    """A cost band, e.g. MVP: 25,000 to 65,000, with the team and time it assumes."""

    name: PlainName
    low: Amount
    high: Amount | None = Field(None, description="Leave out for an open upper end.")
    covers: Line
    team: list[TeamMember] = Field(
        min_length=1, max_length=12, description="The team this tier assumes: one entry per role."
    )
    duration: Duration = Field(description="How many weeks the build takes: `{low: 8, high: 12}`.")


class Rate(DataModel):
    """What one person on the team costs, per hour or per day, in the estimate's currency."""

    low: Amount
    high: Amount
    per: Literal["hour", "day"] = Field(
        description="`hour` (a week is counted as 40 hours) or `day` (a week is counted as 5 days)."
    )
    covers: Line = Field(description="Whose rate this is, e.g. freelance mid-level to senior developers.")
    source: Source = Field(description="The page the rate comes from.")


class Assumptions(DataModel):
    """What the tier figures assume beyond each tier's team and duration."""

    rate: Rate
    notes: Line | None = Field(None, description="Anything else the figures assume, in one line.")


class RunningCost(DataModel):
    """A monthly cost of running the product once it is built: hosting, database, LLM tokens, GPUs."""

    name: PlainName = Field(description="What is paid for, e.g. `Hosting` or `LLM tokens`.")
    low: Amount = Field(description="The lower monthly figure, in the estimate's currency.")
    high: Amount | None = Field(
        None, description="The higher monthly figure; leave out for an open upper end."
    )
    covers: Line = Field(description="What the figures buy, e.g. `1 to 4 instances at $25 a month`.")
    source: Source = Field(description="The pricing page the figures come from.")


class CostEstimate(DataModel):
    """What building something costs, in tiers, with its assumptions and monthly running costs."""

    title: PlainName
    summary: Line
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = Field(
        description="An ISO 4217 code such as USD or EUR."
    )
    tiers: list[Tier] = Field(min_length=1, max_length=10)
    assumptions: Assumptions
    running_costs: list[RunningCost] = Field(
        min_length=1,
        max_length=12,
        description="What running the product costs each month (hosting, database, LLM tokens, GPUs...), "
        "each with its source.",
    )
    notes: Markdown | None = None
    sources: list[Source] = Field(
        min_length=1, max_length=30, description="At least one page the tier figures come from."
    )
    reviewed: ReviewDate


class Question(DataModel):
    """A frequently asked question with a Markdown answer."""

    question: QuestionText
    answer: Markdown
    tools: list[Id] = Field(
        default_factory=list, max_length=12, description="Ids of tools the answer is about."
    )


def _alternative(value: object) -> object:
    return {"tool": value} if isinstance(value, str) else value


class Alternative(DataModel):
    """Another tool that could fill a guide layer, with when to prefer it."""

    tool: Id
    note: Line | None = None


class Layer(DataModel):
    """One layer of a stack (frontend, backend, database, ...)."""

    name: PlainName
    icon: Icon | None = None
    choice: list[Id] = Field(
        min_length=1, max_length=6, description="Ids of the tools chosen for this layer."
    )
    why: Markdown
    alternatives: list[
        Annotated[Alternative, BeforeValidator(_alternative, json_schema_input_type=Id | Alternative)]
    ] = Field(min_length=1, max_length=12)


class Project(DataModel):
    """A practice project in a learning guide."""

    level: Literal["basic", "intermediate", "advanced"]
    title: PlainName
    description: Line
    tools: list[Id] = Field(default_factory=list, max_length=12)


class Guide(DataModel):
    """A tech stack guide: layers, cost, advantages, trade-offs and FAQ."""

    title: PlainName
    summary: Line
    intro: Markdown
    layers: list[Layer] = Field(min_length=1, max_length=20)
    cost: Id | None = Field(None, description="The id of a cost estimate in data/costs/.")
    advantages: list[Line] = Field(default_factory=list, max_length=20)
    tradeoffs: list[Line] = Field(default_factory=list, max_length=20)
    projects: list[Project] = Field(default_factory=list, max_length=30)
    faq: list[Question] = Field(default_factory=list, max_length=40)
    related: list[Id] = Field(default_factory=list, max_length=12, description="Ids of related guides.")
    sources: list[Source] = Field(
        min_length=1,
        max_length=30,
        description="At least one page that supports the guide's choices and figures: official docs, "
        "release notes, pricing pages.",
    )
    reviewed: ReviewDate


class FaqTopic(DataModel):
    """A page of questions and answers on one topic."""

    title: PlainName
    summary: Line
    questions: list[Question] = Field(min_length=1, max_length=60)
    reviewed: ReviewDate
