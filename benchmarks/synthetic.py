"""Generate a synthetic, valid Stack Guides catalog of any size.

Usage::

    python benchmarks/synthetic.py --tools 1000 --seed 1 OUTPUT_DIR

writes ``OUTPUT_DIR/data/`` (categories, tools, comparisons, costs, guides and
FAQ topics whose counts grow with ``--tools``) and links the project files
(``mkdocs.yml``, ``hooks``, ``overrides``, ``docs``, ``CONTRIBUTING.md``) next
to it, so that ``OUTPUT_DIR`` validates (``stackguides --root OUTPUT_DIR
validate``) and builds (``mkdocs build`` run inside it).

Text lengths and list sizes follow the real ``data/`` files (measured on the
142-tool catalog of November 2026, see ``PROFILE``); a few shares are set by
the benchmark brief instead (code examples on about 30 % of tools, notes on
about 20 %). The output depends only on ``--tools`` and ``--seed``: every
random choice comes from one ``random.Random(seed)`` and no date is read from
the clock.
"""

from __future__ import annotations

import argparse
import datetime
import random
import re
import shutil
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("mkdocs.yml", "hooks", "overrides", "docs", "CONTRIBUTING.md")
REVIEWED = datetime.date(2026, 11, 23)
MARKER = ".synthetic"  # beside data/: the loader reports any file it does not read inside data/

# (mean, standard deviation, minimum, maximum) in characters, measured on data/.
PROFILE = {
    "tool_summary": (130, 20, 84, 179),
    "best_for": (111, 25, 57, 175),
    "pro": (120, 30, 48, 193),
    "con": (120, 35, 40, 192),
    "when_to_use": (86, 25, 30, 135),
    "verdict_reason": (197, 66, 100, 270),  # every tool has one; real max 293, kept below the 300 limit
    "pick_why": (87, 19, 48, 129),
    "runner_up_why": (124, 13, 101, 160),
    "notes": (400, 200, 95, 1080),
    "code": (516, 200, 60, 960),
    "category_summary": (53, 15, 35, 92),
    "comparison_summary": (122, 15, 91, 150),
    "cell": (51, 30, 8, 146),
    "comparison_verdict": (835, 170, 595, 1155),
    "guide_summary": (125, 20, 90, 170),
    "intro": (900, 110, 720, 1077),
    "why": (344, 100, 185, 673),
    "alternative_note": (85, 20, 40, 130),
    "answer": (393, 90, 278, 623),
    "faq_answer": (568, 200, 248, 969),
    "question": (48, 15, 18, 77),
    "advantage": (80, 20, 40, 130),
    "cost_notes": (900, 200, 500, 1300),
    "covers": (140, 20, 100, 180),
}
# Weighted counts (value: weight) for list fields, measured on data/.
COUNTS = {
    "pros": {3: 3, 4: 5, 5: 2},  # mean 3.9
    "cons": {2: 2, 3: 5, 4: 3},  # mean 3.1
    "when_to_use": {1: 35, 2: 50, 3: 15},  # mean 1.8
    "alternatives": {0: 10, 1: 20, 2: 30, 3: 20, 4: 12, 5: 8},  # mean 2.2
    "layer_choice": {1: 35, 2: 45, 3: 20},  # mean 1.9
    "layer_alternatives": {1: 25, 2: 35, 3: 25, 4: 15},  # mean 2.3
    "question_tools": {1: 20, 2: 25, 3: 25, 4: 15, 5: 10, 6: 5},  # mean 3.1
    "picks": {1: 7, 2: 4, 3: 5, 4: 7},  # mean 2.5, capped by the recommended tools of the category
}
VERDICTS = {"recommended": 48, "solid": 41, "legacy": 8, "avoid": 3}
ASYNC = {None: 40, "native": 25, "none": 18, "supported": 17}
LICENSES = {
    "MIT": 45,
    "BSD-3-Clause": 27,
    "Apache-2.0": 26,
    "proprietary": 11,
    "BSD-2-Clause": 3,
    "MIT OR Apache-2.0": 3,
    "LGPL-3.0-or-later": 2,
}
LANGUAGES = {"python": 75, "bash": 14, "toml": 6, "yaml": 5, "text": 4, "typescript": 2, "sql": 2}
QUADRANTS = ("frameworks", "data", "tooling", "platforms")
ICONS = (
    "material/brain",
    "material/broom",
    "material/chart-line",
    "material/check-decagram",
    "material/cloud",
    "material/code-braces",
    "material/cog",
    "material/connection",
    "material/database",
    "material/message-arrow-right",
    "material/monitor-dashboard",
    "material/package-variant-closed",
    "material/robot",
    "material/security",
    "material/server",
    "material/shield-key",
    "material/table-cog",
    "material/test-tube",
    "material/tray-full",
    "material/vector-point",
    "material/web",
)
_WORD_TEXT = (
    "async sync request response handler worker queue broker cache database driver schema migration "
    "query index transaction session connection pool client server endpoint route middleware plugin "
    "extension config setting secret token header payload validation typing model field serializer "
    "container image deployment cluster replica shard backup restore metric trace span log alert "
    "dashboard release version upgrade dependency package wheel build runtime interpreter thread "
    "process event loop stream batch job schedule retry timeout latency throughput memory storage "
    "vector embedding prompt agent tool pipeline inference model cost team project service platform "
    "production staging test fixture mock coverage lint format type check security audit policy "
    "the the the the a a a an and and and or with with for for to to to of of of in in on on by "
    "from is are can needs keeps gives adds runs uses makes supports handles covers ships scales "
    "most many few every each one two several small large fast slow simple mature stable new old "
    "official default optional built-in third-party managed hosted open-source typed documented"
)
WORDS = tuple(_WORD_TEXT.split())
CRITERIA = (
    "Async model",
    "Query power",
    "Ease of use",
    "Learning curve",
    "Migrations",
    "Static typing",
    "Performance",
    "Documentation",
    "Ecosystem and community",
    "License",
    "Best for",
    "Maintenance",
    "Operational complexity",
    "Installation",
    "API stability",
    "Deployment",
    "Observability",
    "Security defaults",
    "Testing support",
    "Hosting options",
)
LAYERS = (
    ("Framework", "material/web"),
    ("Database", "material/database"),
    ("ORM or driver", "material/table-cog"),
    ("Testing", "material/test-tube"),
    ("Server and deployment", "material/server"),
    ("Background jobs", "material/tray-full"),
    ("Cache", "material/cloud"),
    ("Observability", "material/monitor-dashboard"),
    ("Security", "material/shield-key"),
    ("AI and data", "material/brain"),
)
_SYLLABLE_TEXT = (
    "ar bel cor dra el fen gal hex ion jet kal lum mor nex or pyr quin ros sol tor ul vex wyn xor yar "
    "zen bra cli del fa gro ha ki lo ma ne pa ra sa ta va"
)
SYLLABLES = tuple(_SYLLABLE_TEXT.split())
NAME_SUFFIXES = ("", "", "", " ORM", " DB", " SDK", " Server", " Queue", " Client", " Cloud", " Flow")
NOUNS = (
    "web frameworks",
    "databases",
    "ORMs",
    "task queues",
    "servers",
    "HTTP clients",
    "message brokers",
    "vector stores",
    "test runners",
    "linters",
    "observability tools",
    "auth libraries",
    "config loaders",
    "cloud platforms",
    "LLM frameworks",
    "data libraries",
    "schedulers",
    "caches",
    "search engines",
    "API toolkits",
)
ADJECTIVES = ("Async", "Typed", "Managed", "Embedded", "Distributed", "Lightweight", "Hosted", "Streaming")


@dataclass(frozen=True)
class Sizes:
    """How many entries of each kind a catalog of ``tools`` tools gets."""

    tools: int
    categories: int
    comparisons: int
    guides: int
    costs: int
    faqs: int

    @classmethod
    def for_tools(cls, tools: int) -> Sizes:
        """The brief's ratios: N/40 categories (at least 5), N/20 comparisons, N/100 guides, ..."""
        return cls(
            tools=tools,
            categories=max(5, round(tools / 40)),
            comparisons=max(1, round(tools / 20)),
            guides=max(1, round(tools / 100)),
            costs=max(1, round(tools / 200)),
            faqs=max(1, round(tools / 100)),
        )


class Text:
    """Random but plausible English-like text of controlled length."""

    def __init__(self, rng: random.Random, names: list[str] | None = None):
        self.rng = rng
        self.names = names or []

    def length(self, key: str) -> int:
        """A length drawn from ``PROFILE[key]`` (normal, clamped to the measured range)."""
        mean, sd, low, high = PROFILE[key]
        return max(low, min(high, round(self.rng.gauss(mean, sd))))

    def _word(self) -> str:
        roll = self.rng.random()
        if roll < 0.04:
            return f"`{self.rng.choice(WORDS)}_{self.rng.choice(WORDS)}`".replace("-", "_")
        if roll < 0.06 and self.names:
            return self.rng.choice(self.names)
        if roll < 0.07:
            return f"**{self.rng.choice(WORDS)}**"
        return self.rng.choice(WORDS)

    def sentence(self, chars: int, end: str = ".") -> str:
        """One sentence of about ``chars`` characters (at most half a word longer)."""
        first = self._word()
        words = [first[:1].upper() + first[1:]]
        size = len(words[0])
        while True:
            word = self._word()
            overshoot = size + 1 + len(word) + len(end) - chars
            if overshoot > 0 and (overshoot > len(word) // 2 or size + len(end) >= chars - 2):
                break
            if self.rng.random() < 0.06:
                words[-1] += ","
                size += 1
            words.append(word)
            size += 1 + len(word)
        return " ".join(words).rstrip(",") + end

    def line(self, key: str) -> str:
        """A one-line field: one or two sentences whose total length follows ``PROFILE[key]``."""
        total = self.length(key)
        if total < 90 or self.rng.random() < 0.6:
            return self.sentence(total)
        first = self.rng.randint(40, total - 40)
        return self.sentence(first) + " " + self.sentence(total - first - 1)

    def prose(self, chars: int) -> str:
        """Sentences of 60 to 140 characters adding up to about ``chars``."""
        sentences: list[str] = []
        left = chars
        while left > 20:
            size = self.rng.randint(60, 140)
            if left - size < 40:
                size = left
            sentences.append(self.sentence(size))
            left -= len(sentences[-1]) + 1
        return " ".join(sentences)

    def paragraphs(self, key: str, bullets: bool = False) -> str:
        """Markdown of about ``PROFILE[key]`` characters: wrapped paragraphs, maybe a list."""
        total = self.length(key)
        blocks: list[str] = []
        while total > 40:
            size = min(total, self.rng.randint(180, 480))
            if bullets and blocks and self.rng.random() < 0.5:
                items = [
                    f"- **{self.sentence(24)}** {self.sentence(max(40, size // 3 - 30))}" for _ in range(3)
                ]
                blocks.append("\n".join(items))
            else:
                blocks.append(textwrap.fill(self.prose(size), width=100, break_on_hyphens=False))
            total -= size
        return "\n\n".join(blocks or [self.sentence(80)]) + "\n"


def weighted(rng: random.Random, table: dict):
    """One key of ``table``, chosen with the values as weights."""
    return rng.choices(list(table), weights=list(table.values()))[0]


def slug(text: str) -> str:
    """An id from a name: lowercase letters, digits and single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def unique_names(rng: random.Random, count: int, make: Callable[[], str]) -> list[tuple[str, str]]:
    """``count`` (id, name) pairs with distinct ids; a clash gets a numeric suffix."""
    taken: dict[str, None] = {}
    pairs = []
    for _ in range(count):
        name = make()
        entry_id, suffix = slug(name), 2
        while entry_id in taken:
            entry_id = f"{slug(name)}-{suffix}"
            suffix += 1
        if entry_id != slug(name):
            name = f"{name} {suffix - 1}"
        taken[entry_id] = None
        pairs.append((entry_id, name))
    return pairs


def tool_name(rng: random.Random) -> str:
    """A made-up tool name such as ``Korvex``, ``pyquinlo`` or ``Zenra Queue``."""
    stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
    style = rng.random()
    if style < 0.2:
        return "py" + stem
    if style < 0.3:
        return f"{stem}-{rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}"
    return stem.capitalize() + rng.choice(NAME_SUFFIXES)


def category_name(rng: random.Random) -> str:
    """A made-up category name such as ``Typed task queues``."""
    return f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"


def code_example(rng: random.Random, text: Text) -> dict:
    """A code example in a language drawn like the real data's, about 17 lines long."""
    language = weighted(rng, LANGUAGES)
    target = text.length("code")
    lines: list[str] = []
    while sum(len(line) + 1 for line in lines) < target:
        lines.extend(CODE_LINES[language](rng))
    while len(lines) > 1 and sum(len(line) + 1 for line in lines[:-1]) >= target:
        lines.pop()
    return {
        "language": language,
        "title": text.sentence(rng.randint(25, 50), end=""),
        "code": "\n".join(lines) + "\n",
    }


def _identifier(rng: random.Random) -> str:
    return f"{rng.choice(WORDS)}_{rng.choice(WORDS)}".replace("-", "_")


def _python_lines(rng: random.Random) -> list[str]:
    name, arg = _identifier(rng), _identifier(rng)
    return [
        f"from {rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)} import {name.title().replace('_', '')}",
        "",
        "",
        f"def {name}({arg}: str, retries: int = {rng.randint(1, 9)}) -> dict[str, int]:",
        f'    """{text_stub(rng)}"""',
        f"    result = {{{arg!r}: len({arg}) * retries}}",
        "    return result",
    ]


def _bash_lines(rng: random.Random) -> list[str]:
    return [
        f"# {text_stub(rng)}",
        f"pip install {rng.choice(SYLLABLES)}{rng.choice(SYLLABLES)}",
        f"{rng.choice(SYLLABLES)}ctl run --workers {rng.randint(1, 8)} --port {rng.randint(8000, 9000)}",
    ]


def _toml_lines(rng: random.Random) -> list[str]:
    return [
        f"[tool.{rng.choice(SYLLABLES)}]",
        f'{_identifier(rng)} = "{rng.choice(WORDS)}"',
        f"retries = {rng.randint(1, 9)}",
        "",
    ]


def _yaml_lines(rng: random.Random) -> list[str]:
    return [
        f"{_identifier(rng)}:",
        f"  image: {rng.choice(SYLLABLES)}:{rng.randint(1, 20)}",
        f"  replicas: {rng.randint(1, 5)}",
    ]


def _text_lines(rng: random.Random) -> list[str]:
    return [text_stub(rng), text_stub(rng)]


def _typescript_lines(rng: random.Random) -> list[str]:
    name = _identifier(rng)
    return [
        f"export async function {name}(id: string): Promise<number> {{",
        "  return fetch(`/api/${id}`).then((r) => r.status);",
        "}",
    ]


def _sql_lines(rng: random.Random) -> list[str]:
    return [
        f"SELECT id, {rng.choice(WORDS)} FROM {_identifier(rng)}",
        f"WHERE created_at > now() - interval '{rng.randint(1, 30)} days';",
    ]


def text_stub(rng: random.Random) -> str:
    """A short comment-like phrase for code."""
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9))).capitalize()


CODE_LINES: dict[str, Callable[[random.Random], list[str]]] = {
    "python": _python_lines,
    "bash": _bash_lines,
    "toml": _toml_lines,
    "yaml": _yaml_lines,
    "text": _text_lines,
    "typescript": _typescript_lines,
    "sql": _sql_lines,
}


class CatalogGenerator:
    """Builds the data of every file (plain dicts) for one size and seed."""

    def __init__(self, sizes: Sizes, seed: int, example_share: float = 0.3, notes_share: float = 0.2):
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.example_share = example_share
        self.notes_share = notes_share
        self.categories = unique_names(self.rng, sizes.categories, lambda: category_name(self.rng))
        self.tools = unique_names(self.rng, sizes.tools, lambda: tool_name(self.rng))
        self.names = {tool_id: name for tool_id, name in self.tools}
        self.text = Text(self.rng, [name for _, name in self.tools[:200]])
        self.members = self._assign_categories()
        self.category_of = {t: c for c, tools in self.members.items() for t in tools}
        self.guide_ids = [f"synthetic-stack-{i + 1}" for i in range(sizes.guides)]
        self.cost_ids = [f"synthetic-cost-{i + 1}" for i in range(sizes.costs)]

    def _assign_categories(self) -> dict[str, list[str]]:
        """Tools per category: two each first, the rest weighted so sizes vary (like the real data)."""
        category_ids = [c for c, _ in self.categories]
        weights = [self.rng.uniform(0.4, 1.6) for _ in category_ids]
        members: dict[str, list[str]] = {c: [] for c in category_ids}
        for index, (tool_id, _) in enumerate(self.tools):
            if index < 2 * len(category_ids):
                category = category_ids[index % len(category_ids)]
            else:
                category = self.rng.choices(category_ids, weights=weights)[0]
            members[category].append(tool_id)
        return members

    def sample(self, pool: list[str], count: int, exclude: tuple[str, ...] = ()) -> list[str]:
        """Up to ``count`` distinct ids from ``pool``, none of ``exclude``."""
        candidates = [item for item in pool if item not in exclude]
        return self.rng.sample(candidates, min(count, len(candidates)))

    def files(self) -> dict[str, dict[str, dict]]:
        """Every file's content by kind and id."""
        files = {
            "categories": {
                cid: self.category(index, name) for index, (cid, name) in enumerate(self.categories)
            },
            "tools": {tool_id: self.tool(tool_id, name) for tool_id, name in self.tools},
            "comparisons": dict(self.comparison(i) for i in range(self.sizes.comparisons)),
            "costs": {cost_id: self.cost() for cost_id in self.cost_ids},
            "guides": {gid: self.guide(index) for index, gid in enumerate(self.guide_ids)},
            "faqs": {f"synthetic-topic-{i + 1}": self.faq_topic(i) for i in range(self.sizes.faqs)},
        }
        self.add_picks(files["categories"], files["tools"])
        return files

    def add_picks(self, categories: dict[str, dict], tools: dict[str, dict]) -> None:
        """Each category names one to four of its `recommended` tools as picks and the next tool as runner-up.

        A category that drew no recommended tool gets its first tool promoted, as an editor would
        do before naming a pick. Runs after every other file, so the rest of the output does not
        depend on it.
        """
        for category_id, category in categories.items():
            members = self.members[category_id]
            recommended = [t for t in members if tools[t]["verdict"] == "recommended"]
            if not recommended:
                tools[members[0]]["verdict"] = "recommended"
                recommended = [members[0]]
            limit = min(len(recommended), 4, len(members) - 1 if len(members) > 1 else 1)
            count = min(weighted(self.rng, COUNTS["picks"]), limit)
            picks = recommended[:count]
            data = {"picks": [{"tool": t, "why": self.text.line("pick_why")} for t in picks]}
            others = [t for t in members if t not in picks]
            if others:
                data["runner_up"] = {"tool": others[0], "why": self.text.line("runner_up_why")}
            reviewed = category.pop("reviewed")
            category.update(data, reviewed=reviewed)

    def category(self, index: int, name: str) -> dict:
        return {
            "name": name,
            "summary": self.text.line("category_summary"),
            "icon": self.rng.choice(ICONS),
            "order": (index + 1) * 10,
            "quadrant": self.rng.choice(QUADRANTS),
            "reviewed": REVIEWED,
        }

    def tool(self, tool_id: str, name: str) -> dict:
        rng, text = self.rng, self.text
        verdict = weighted(rng, VERDICTS)
        data: dict = {
            "name": name,
            "category": self.category_of[tool_id],
            "summary": text.line("tool_summary"),
            "best_for": text.line("best_for"),
            "pros": [text.line("pro") for _ in range(weighted(rng, COUNTS["pros"]))],
            "cons": [text.line("con") for _ in range(weighted(rng, COUNTS["cons"]))],
            "when_to_use": [text.line("when_to_use") for _ in range(weighted(rng, COUNTS["when_to_use"]))],
            "links": self._links(tool_id),
        }
        pypi = data["links"].get("pypi")
        major = rng.randint(1, 9)
        data["version"] = f">={major}.{rng.randint(0, 30)},<{major + 1}" if pypi else str(rng.randint(1, 30))
        if pypi and rng.random() < 0.1:
            data["extras"] = [rng.choice(("standard", "redis", "async", "postgres"))]
        data["license"] = weighted(rng, LICENSES)
        data["verdict"] = verdict
        data["verdict_reason"] = text.line("verdict_reason")
        if rng.random() < self.notes_share:
            data["notes"] = text.paragraphs("notes", bullets=True)
        async_support = weighted(rng, ASYNC)
        if async_support:
            data["async_support"] = async_support
        peers = self.members[self.category_of[tool_id]]
        alternatives = self.sample(peers, weighted(rng, COUNTS["alternatives"]), exclude=(tool_id,))
        if alternatives:
            data["alternatives"] = alternatives
        if rng.random() < self.example_share:
            data["example"] = code_example(rng, text)
        data["sources"] = [{"title": f"{name} documentation", "url": data["links"]["home"] + "docs/"}]
        data["reviewed"] = REVIEWED
        return data

    def _links(self, tool_id: str) -> dict:
        rng = self.rng
        links = {"home": f"https://{tool_id}.example.org/"}
        if rng.random() < 0.8:
            links["docs"] = f"https://docs.{tool_id}.example.org/en/stable/"
        if rng.random() < 0.92:
            links["repository"] = f"https://github.com/example/{tool_id}"
        if rng.random() < 0.77:
            links["pypi"] = tool_id
        return links

    def comparison(self, index: int) -> tuple[str, dict]:
        rng, text = self.rng, self.text
        category_id, category = self.categories[index % len(self.categories)]
        pool = self.members[category_id]
        tools = self.sample(pool if len(pool) >= 2 else list(self.names), rng.randint(2, 5))
        names = " vs ".join(self.names[t] for t in tools)
        title = f"{category}: {names}"
        if len(title) > 100:
            title = f"{category}: {len(tools)} options compared"
        criteria = []
        for criterion in rng.sample(CRITERIA, rng.randint(4, 8)):
            rated = rng.random() < 0.4
            values = {}
            for tool_id in tools:
                cell = text.sentence(text.length("cell"), end="")
                values[tool_id] = {"text": cell, "rating": rng.randint(1, 5)} if rated else cell
            criteria.append({"name": criterion, "values": values})
        data = {
            "title": title,
            "summary": text.line("comparison_summary"),
            "tools": tools,
            "criteria": criteria,
            "verdict": text.paragraphs("comparison_verdict", bullets=True),
            "sources": self._sources(rng.randint(3, 6)),
            "reviewed": REVIEWED,
        }
        return f"{slug(category)}-compared-{index + 1}", data

    def _sources(self, count: int) -> list[dict]:
        return [
            {"title": self.text.sentence(self.rng.randint(20, 60), end=""), "url": f"https://example.org/{i}"}
            for i in range(count)
        ]

    def cost(self) -> dict:
        """Tiers whose team x rate x weeks reaches each range (the build checks it), and running costs."""
        rng, text = self.rng, self.text
        rate_low = rng.randint(20, 60)
        rate = {"low": rate_low, "high": rate_low * rng.randint(15, 20) // 10, "per": "hour"}
        low, tiers = rng.randint(5, 40) * 1000, []
        for position, name in enumerate(("MVP", "Growth", "Scale")):
            high = low * rng.randint(2, 4)
            people = rng.randint(1, 3) + 2 * position
            weeks_high = min(520, -(-low // (people * 40 * rate["high"])) + 1)
            tier = {
                "name": name,
                "low": low,
                "covers": text.line("covers"),
                "team": [{"role": "Developer", "people": people}],
                "duration": {"low": max(1, weeks_high // 2)},
            }
            if position < 2:
                tier["high"] = high
                tier["duration"]["high"] = weeks_high
            tiers.append(tier)
            low = high
        running = [
            {
                "name": name,
                "low": rng.randint(0, 50),
                "high": rng.randint(50, 5000),
                "covers": text.line("covers"),
                "source": self._sources(1)[0],
            }
            for name in rng.sample(
                ("Hosting", "Database", "LLM tokens", "GPUs", "Storage"), rng.randint(2, 4)
            )
        ]
        return {
            "title": text.sentence(rng.randint(30, 60), end=""),
            "summary": text.line("guide_summary"),
            "currency": rng.choice(("USD", "EUR", "GBP")),
            "tiers": tiers,
            "assumptions": {"rate": {**rate, "covers": text.line("covers"), "source": self._sources(1)[0]}},
            "running_costs": running,
            "notes": text.paragraphs("cost_notes"),
            "sources": self._sources(rng.randint(1, 2)),
            "reviewed": REVIEWED,
        }

    def guide(self, index: int) -> dict:
        rng, text = self.rng, self.text
        layers = [self._layer(name, icon) for name, icon in rng.sample(LAYERS, rng.randint(4, 6))]
        data: dict = {
            "title": f"Synthetic stack {index + 1}: {text.sentence(rng.randint(20, 40), end='')}",
            "summary": text.line("guide_summary"),
            "intro": text.paragraphs("intro"),
            "layers": layers,
        }
        if index < len(self.cost_ids):
            data["cost"] = self.cost_ids[index]
        data["advantages"] = [text.line("advantage") for _ in range(rng.randint(3, 6))]
        data["tradeoffs"] = [text.line("advantage") for _ in range(rng.randint(3, 5))]
        if rng.random() < 0.2:
            data["projects"] = [self._project(level) for level in ("basic", "intermediate", "advanced")]
        data["faq"] = [self._question("answer") for _ in range(rng.randint(3, 5))]
        related = self.sample(self.guide_ids, rng.randint(3, 5), exclude=(self.guide_ids[index],))
        if related:
            data["related"] = related
        data["sources"] = self._sources(rng.randint(2, 4))
        data["reviewed"] = REVIEWED
        return data

    def _layer(self, name: str, icon: str) -> dict:
        rng = self.rng
        pool = self.members[rng.choice(self.categories)[0]]
        choice = self.sample(pool, weighted(rng, COUNTS["layer_choice"]))
        others = self.sample(pool, weighted(rng, COUNTS["layer_alternatives"]), exclude=tuple(choice))
        if not others:  # a two-tool category: borrow an alternative from anywhere
            others = self.sample(list(self.names), 1, exclude=tuple(choice))
        alternatives = [
            {"tool": tool_id, "note": self.text.line("alternative_note")} if rng.random() < 0.8 else tool_id
            for tool_id in others
        ]
        return {
            "name": name,
            "icon": icon,
            "choice": choice,
            "why": self.text.paragraphs("why"),
            "alternatives": alternatives,
        }

    def _project(self, level: str) -> dict:
        return {
            "level": level,
            "title": self.text.sentence(self.rng.randint(20, 45), end=""),
            "description": self.text.line("advantage"),
            "tools": self.sample(list(self.names), self.rng.randint(1, 3)),
        }

    def _question(self, answer_key: str) -> dict:
        rng = self.rng
        tools = self.sample(list(self.names), weighted(rng, COUNTS["question_tools"]))
        return {
            "question": self.text.sentence(self.text.length("question"), end="?"),
            "answer": self.text.paragraphs(answer_key),
            "tools": tools,
        }

    def faq_topic(self, index: int) -> dict:
        return {
            "title": f"Synthetic topic {index + 1}: {self.text.sentence(self.rng.randint(15, 40), end='')}",
            "summary": self.text.line("guide_summary"),
            "questions": [self._question("faq_answer") for _ in range(self.rng.randint(6, 15))],
            "reviewed": REVIEWED,
        }


class _Dumper(yaml.SafeDumper):
    """Block-style YAML like the hand-written files: no aliases, literal blocks for Markdown."""

    def ignore_aliases(self, data) -> bool:
        return True


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump_yaml(kind: str, data: dict, seed: int) -> str:
    """One data file's text, with a header comment like the real files."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096)
    return f"# Synthetic {kind[:-1]} from benchmarks/synthetic.py (seed {seed}).\n{body}"


def prepare_data_dir(data_dir: Path) -> None:
    """Empty a previously generated data/ (refusing to touch one that is not synthetic)."""
    marker = data_dir.parent / MARKER
    if data_dir.exists():
        if not marker.is_file():
            raise SystemExit(f"error: {data_dir} exists and was not made by this script; pick another folder")
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True)
    marker.write_text("Generated by benchmarks/synthetic.py; safe to delete.\n", encoding="utf-8")


def link_project_files(output: Path, repo_root: Path = REPO_ROOT) -> None:
    """Symlink the project files next to data/ so that ``output`` builds like the repository."""
    for name in PROJECT_FILES:
        link = output / name
        if link.is_symlink():
            link.unlink()
        elif link.exists():
            raise SystemExit(f"error: {link} exists and is not a symlink; pick another folder")
        link.symlink_to(repo_root / name, target_is_directory=(repo_root / name).is_dir())


def generate(
    output: Path, tools: int, seed: int, example_share: float = 0.3, notes_share: float = 0.2
) -> Sizes:
    """Write the synthetic data/ tree and the project links under ``output``; returns the sizes."""
    sizes = Sizes.for_tools(tools)
    output.mkdir(parents=True, exist_ok=True)
    data_dir = output / "data"
    prepare_data_dir(data_dir)
    generator = CatalogGenerator(sizes, seed, example_share, notes_share)
    files = generator.files()
    for kind, entries in files.items():
        folder = data_dir / kind
        folder.mkdir()
        for entry_id, data in entries.items():
            (folder / f"{entry_id}.yml").write_text(dump_yaml(kind, data, seed), encoding="utf-8")
    (data_dir / "releases.yml").write_text(release_snapshot(files["tools"]), encoding="utf-8")
    link_project_files(output)
    return sizes


def release_snapshot(tools: dict[str, dict]) -> str:
    """``data/releases.yml`` for the synthetic tools: each package's latest release is its pin's lower bound
    plus one patch release, released in the month the catalog was reviewed (as the refresh would write it)."""
    lines = [
        "# Synthetic release facts (benchmarks/synthetic.py), in the format of `stackguides releases refresh`.\n",
        f'date: "{REVIEWED.isoformat()}"\n',
        'source: "benchmarks/synthetic.py: made-up facts for a synthetic catalog"\n',
        "packages:\n",
    ]
    packages = {
        data["links"]["pypi"]: data["version"] for data in tools.values() if data["links"].get("pypi")
    }
    for name in sorted(packages):
        lower = packages[name].split(",")[0].removeprefix(">=")
        lines.append(f'  {name}: {{latest: "{lower}.1", released: "{REVIEWED.isoformat()[:7]}"}}\n')
    return "".join(lines) if packages else "".join(lines[:-1]) + "packages: {}\n"


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="folder to write data/ and the project links into")
    parser.add_argument("--tools", type=int, required=True, help="number of tools (N)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument("--example-share", type=float, default=0.3, help="share of tools with a code example")
    parser.add_argument("--notes-share", type=float, default=0.2, help="share of tools with notes")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Generate one catalog and say what was written."""
    args = build_parser().parse_args(argv)
    if args.tools < 10:
        print("error: --tools must be at least 10 (five categories of two tools)", file=sys.stderr)
        return 2
    sizes = generate(args.output, args.tools, args.seed, args.example_share, args.notes_share)
    print(
        f"Wrote {sizes.tools} tools, {sizes.categories} categories, {sizes.comparisons} comparisons, "
        f"{sizes.costs} costs, {sizes.guides} guides and {sizes.faqs} FAQ topics to {args.output / 'data'}."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
