"""The real catalog: counts, coverage of the seed articles, references, current verdicts, code examples."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from stackguides.catalog import Catalog
from stackguides.load import load_catalog

from html_tools import page

ROOT = Path(__file__).resolve().parents[1]

# Every technology the five seed articles name, by the id its page has.
NAMED_IN_ARTICLES = [
    "django",
    "fastapi",
    "flask",
    "litestar",
    "robyn",
    "starlette",
    "quart",
    "aiohttp",
    "django-rest-framework",
    "postgresql",
    "mysql",
    "mariadb",
    "sqlite",
    "mongodb",
    "redis",
    "timescaledb",
    "asyncpg",
    "psycopg2",
    "psycopg",
    "aiomysql",
    "mysqlclient",
    "pymysql",
    "motor",
    "pymongo",
    "redis-py",
    "aioredis",
    "sqlalchemy",
    "alembic",
    "tortoise-orm",
    "django-orm",
    "strawberry",
    "graphene",
    "ariadne",
    "flasgger",
    "drf-spectacular",
    "python-jose",
    "pyjwt",
    "authlib",
    "python-social-auth",
    "passlib",
    "argon2-cffi",
    "celery",
    "rq",
    "dramatiq",
    "pydantic",
    "marshmallow",
    "httpx",
    "requests",
    "pytest",
    "pytest-asyncio",
    "pytest-cov",
    "pytest-mock",
    "pytest-xdist",
    "pytest-django",
    "coverage",
    "faker",
    "factory-boy",
    "responses",
    "structlog",
    "python-json-logger",
    "prometheus-client",
    "statsd",
    "opentelemetry",
    "ddtrace",
    "sentry-sdk",
    "bandit",
    "safety",
    "python-dotenv",
    "ruff",
    "black",
    "isort",
    "mypy",
    "pylint",
    "pre-commit",
    "poetry",
    "pdm",
    "pip-tools",
    "uv",
    "uvicorn",
    "hypercorn",
    "daphne",
    "gunicorn",
    "uwsgi",
    "pydantic-settings",
    "python-decouple",
    "rabbitmq",
    "kafka",
    "aio-pika",
    "aiokafka",
    "confluent-kafka",
    "nextjs",
    "react-vite",
    "htmx",
    "jinja2",
    "docker",
    "kubernetes",
    "aws-ecs-fargate",
    "aws-rds-aurora",
    "aws-sagemaker",
    "aws-ec2",
    "google-cloud-run",
    "railway",
    "fly-io",
    "render",
    "aws",
    "google-cloud",
    "azure",
    "github-actions",
    "modal",
    "replicate",
    "langchain",
    "langgraph",
    "llamaindex",
    "openai-sdk",
    "anthropic-sdk",
    "google-genai",
    "huggingface-transformers",
    "pytorch",
    "tensorflow",
    "mcp",
    "ray-serve",
    "triton-inference-server",
    "pandas",
    "numpy",
    "scikit-learn",
    "pgvector",
    "pinecone",
    "weaviate",
    "qdrant",
    "chroma",
    "python",
    "nodejs",
    "go",
    "java",
    "rust",
]

# Advice in the articles that is outdated in November 2026: the verdict must not repeat it.
NOT_RECOMMENDED_TODAY = {
    "python-jose": "avoid",  # unmaintained; PyJWT
    "passlib": "avoid",  # unmaintained, breaks with bcrypt 4.1+; pwdlib / argon2-cffi
    "aioredis": "avoid",  # merged into redis-py
    "motor": "avoid",  # deprecated for PyMongo's async API
    "psycopg2": "legacy",  # psycopg 3
    "uwsgi": "legacy",  # maintenance mode
    "black": "legacy",  # ruff format
    "isort": "legacy",  # ruff's import sorting
    "safety": "legacy",  # needs an account; pip-audit
    "pip-tools": "legacy",  # uv pip compile
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog(ROOT)


def test_every_file_on_disk_is_loaded(catalog: Catalog):
    """Records loaded == files on disk, for every kind."""
    for kind in ("categories", "tools", "comparisons", "costs", "guides", "faqs"):
        on_disk = {path.stem for path in (ROOT / "data" / kind).glob("*.yml")}
        assert set(catalog.of_kind(kind)) == on_disk, kind


def test_catalog_size(catalog: Catalog):
    assert len(catalog.tools) >= 140
    assert len(catalog.categories) >= 20
    assert len(catalog.comparisons) >= 20
    assert len(catalog.guides) >= 6
    assert len(catalog.faqs) >= 2
    assert len(catalog.costs) >= 1


def test_every_technology_the_articles_name_has_a_page(catalog: Catalog):
    missing = sorted(set(NAMED_IN_ARTICLES) - set(catalog.tools))
    assert missing == []


def test_no_category_without_tools(catalog: Catalog):
    empty = sorted(cid for cid in catalog.categories if not catalog.tools_by_category.get(cid))
    assert empty == []


def test_the_guides_the_issue_asks_for_exist(catalog: Catalog):
    expected = {
        "python-backend-2026",
        "ai-product-stack",
        "modern-microservices",
        "traditional-monolith",
        "lightweight-api",
        "learning-roadmap",
    }
    assert expected <= set(catalog.guides)
    assert catalog.guides["python-backend-2026"].data.cost
    roadmap = catalog.guides["learning-roadmap"].data.projects
    assert {project.level for project in roadmap} == {"basic", "intermediate", "advanced"}


def test_every_guide_layer_has_alternatives_and_the_guide_a_dependency_block(catalog: Catalog):
    for guide in catalog.guides.values():
        for layer in guide.data.layers:
            assert layer.alternatives, f"{guide.file}: layer {layer.name} has no alternatives"


def test_tools_meet_the_content_bar(catalog: Catalog):
    """3+ pros, 2+ cons, a when-to-use, an official link, a review date; no repeated pros."""
    problems = []
    for tool in catalog.tools.values():
        data = tool.data
        if len(data.pros) < 3 or len(data.cons) < 2 or not data.when_to_use:
            problems.append(f"{tool.file}: too few pros/cons/when_to_use")
        if len(set(data.pros + data.cons)) != len(data.pros) + len(data.cons):
            problems.append(f"{tool.file}: a pro or con is repeated")
    all_pros = [pro for tool in catalog.tools.values() for pro in tool.data.pros]
    shared = sorted({pro for pro in all_pros if all_pros.count(pro) > 1})
    assert problems == []
    assert shared == [], "filler pros shared by several tools"


def test_every_tool_gives_its_own_verdict_reason(catalog: Catalog):
    """No two tools share a verdict_reason (ignoring case and spacing), and none is the old boilerplate."""
    by_text: dict[str, list[str]] = {}
    for tool_id, tool in catalog.tools.items():
        by_text.setdefault(" ".join(tool.data.verdict_reason.casefold().split()), []).append(tool_id)
    shared = sorted(sorted(ids) for ids in by_text.values() if len(ids) > 1)
    assert shared == [], "tools sharing one verdict_reason"
    assert not any("a sound default" in text for text in by_text), "boilerplate verdict_reason"


def test_every_category_names_its_picks_and_a_runner_up(catalog: Catalog):
    """Validation enforces the rules; this pins the outcome on the real data, each `why` its own."""
    whys = []
    for category_id, category in catalog.categories.items():
        data = category.data
        assert 1 <= len(data.picks) <= 4, category_id
        if len(catalog.tools_by_category.get(category_id, [])) >= 2:
            assert data.runner_up, category_id
        whys += [pick.why for pick in data.picks] + ([data.runner_up.why] if data.runner_up else [])
    assert len(whys) == len(set(whys)), "a pick's `why` repeated in several places"
    assert [pick.tool for pick in catalog.categories["http-clients"].data.picks] == ["httpx2"]


def test_outdated_advice_from_the_articles_is_not_repeated(catalog: Catalog):
    wrong = {
        tool_id: catalog.tools[tool_id].data.verdict
        for tool_id, verdict in NOT_RECOMMENDED_TODAY.items()
        if catalog.tools[tool_id].data.verdict != verdict
    }
    assert wrong == {}
    for tool_id in NOT_RECOMMENDED_TODAY:
        assert catalog.tools[tool_id].data.notes, f"{tool_id} should say what changed"


def _examples(catalog: Catalog, language: str) -> list[tuple[str, str]]:
    """(file, code) of every tool example in ``language``."""
    return [
        (tool.file, tool.data.example.code)
        for tool in catalog.tools.values()
        if tool.data.example and tool.data.example.language == language
    ]


def test_python_examples_parse_and_pass_ruff(catalog: Catalog, tmp_path: Path):
    examples = _examples(catalog, "python")
    assert len(examples) >= 60
    for index, (file, code) in enumerate(examples):
        ast.parse(code, filename=file)
        (tmp_path / f"{index:03d}_{Path(file).stem.replace('-', '_')}.py").write_text(code)
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [str(ruff), "check", "--isolated", "--no-cache", "--output-format", "concise", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_toml_yaml_and_json_examples_parse(catalog: Catalog):
    parsers = {"toml": tomllib.loads, "yaml": lambda code: list(yaml.safe_load_all(code)), "json": json.loads}
    checked = 0
    for language, parse in parsers.items():
        for _file, code in _examples(catalog, language):
            parse(code)
            checked += 1
    assert checked >= 5


def test_every_tool_is_reachable_from_its_category_search_and_mentions(catalog: Catalog, real_site: Path):
    """A reader reaches each tool from its category page, from search, and from each page naming it."""
    index = json.loads((real_site / "search" / "search_index.json").read_text())
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    unreachable = []
    linked_from: dict[str, set[str]] = {}
    for category_id in catalog.categories:
        hrefs = {a.attrs.get("href") for a in page(real_site, f"categories/{category_id}").iter("a")}
        linked_from[category_id] = hrefs
    for tool in catalog.tools.values():
        if f"../../tools/{tool.id}/" not in linked_from[tool.data.category]:
            unreachable.append(f"{tool.id}: not linked from its category page")
        if titles.get(f"tools/{tool.id}/") != tool.data.name:
            unreachable.append(f"{tool.id}: not in the search index under its name")
        for mention in catalog.mentions.get(tool.id, []):
            hrefs = {a.attrs.get("href") for a in page(real_site, f"{mention.kind}/{mention.id}").iter("a")}
            if f"../../tools/{tool.id}/" not in hrefs:
                unreachable.append(f"{tool.id}: not linked from {mention.kind}/{mention.id}")
    assert unreachable == []


def test_each_guide_shows_a_pyproject_block_with_current_versions(catalog: Catalog, real_site: Path):
    text = page(real_site, "guides/python-backend-2026").all_text()
    fastapi = catalog.tools["fastapi"].data
    assert f'"fastapi[standard]{fastapi.version}",' in text
    assert 'requires-python = ">=' in text
