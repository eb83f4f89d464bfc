"""Turn Pydantic validation errors into contributor-facing messages.

Each message says what was expected, what the file holds and, for the
YAML 1.1 traps (``3.10`` read as a number, ``no`` as a boolean, dates), how
to fix it: quote the value.
"""

from __future__ import annotations

import datetime
import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from stackguides.errors import DataError, format_path
from stackguides.load.yaml_document import Path, SourceDocument

_EXPECTED = {
    "string_type": "expected text",
    "int_type": "expected a whole number",
    "int_parsing": "expected a whole number",
    "int_from_float": "expected a whole number",
    "list_type": "expected a list (one `- item` per line)",
    "dict_type": "expected a mapping of `key: value` lines",
    "model_type": "expected a mapping of `key: value` lines",
    "model_attributes_type": "expected a mapping of `key: value` lines",
    "date_type": "expected a date written YYYY-MM-DD",
    "date_parsing": "expected a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "expected a date written YYYY-MM-DD",
    "date_from_datetime_inexact": "expected a date written YYYY-MM-DD, without a time",
    "bool_type": "expected true or false",
}


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated, Optional and containers down to the model class, if any."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            inner = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            annotation = inner[0]
        else:
            return annotation


def _model_at(model: type[BaseModel], path: Path) -> type[BaseModel] | None:
    """The model class that describes the mapping at ``path``."""
    current: Any = model
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int) or typing.get_origin(current) in (list, dict):
            args = typing.get_args(current)
            current = args[-1] if args else None
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(part)
            current = field.annotation if field else None
            if field is not None:
                for meta in field.metadata:
                    current = typing.Annotated[current, meta]
            continue
        return None
    current = _unwrap(current)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def describe_value(document: SourceDocument, path: Path, value: Any) -> str:
    """How the file's value reads to a human, with a fix for the YAML 1.1 traps."""
    scalar = document.scalar(path)
    raw = scalar.text if scalar else None
    plain = scalar is not None and not scalar.quoted
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        trap = f" (YAML reads an unquoted `{raw}` as {str(value).lower()})" if plain else ""
        return f'the boolean {str(value).lower()}{trap}; if you meant the text, quote it: "{raw}"'
    if isinstance(value, datetime.date):
        return f'a date (YAML reads an unquoted `{raw}` as a date); if you meant the text, quote it: "{raw}"'
    if isinstance(value, float | int):
        if plain and raw is not None and raw != repr(value):
            return (
                f"the number {value} (YAML reads an unquoted `{raw}` as a number); "
                f'quote it to keep it as written: "{raw}"'
            )
        return f'the number {value}; if you meant the text, quote it: "{raw}"'
    text = str(value)
    shown = text if len(text) <= 40 else text[:37] + "..."
    return f"`{shown}`"


def _empty_message(model: type[BaseModel], path: Path) -> str:
    """What to do about an empty text: a required key must be written, an optional one may go."""
    if path and isinstance(path[-1], int):
        return "is empty; write this item, or delete the line if the list is long enough without it"
    parent = _model_at(model, path[:-1])
    field = parent.model_fields.get(str(path[-1])) if parent and path else None
    if field is not None and field.is_required():
        return "is empty; write this (it is required: the comment beside it and CONTRIBUTING.md say what goes here)"
    return "is empty; write some text or remove the key"


def _missing_message(model: type[BaseModel], path: Path) -> str:
    """A required key that is not there, with what the field holds (its description in the model)."""
    parent = _model_at(model, path[:-1])
    field = parent.model_fields.get(str(path[-1])) if parent else None
    description = field.description if field is not None else None
    return f"the required key `{path[-1]}` is missing; add it" + (f". {description}" if description else "")


def _message(
    document: SourceDocument, model: type[BaseModel], error: dict[str, Any], path: Path
) -> tuple[str, bool]:
    """The message for one Pydantic error, and whether it points at the key."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "missing":
        return _missing_message(model, path), False
    if kind == "extra_forbidden":
        parent = _model_at(model, path[:-1])
        valid = sorted(parent.model_fields) if parent else []
        message = f"unknown key `{path[-1]}`"
        guess = difflib.get_close_matches(str(path[-1]), valid, n=1, cutoff=0.6)
        if guess:
            message += f": did you mean `{guess[0]}`?"
        elif valid:
            message += f"; the valid keys here are: {', '.join(valid)}"
        return message, True
    if kind == "literal_error":
        choices = [choice.strip("'") for choice in ctx.get("expected", "").replace(" or ", ", ").split(", ")]
        message = f"expected one of: {', '.join(choices)}; got {describe_value(document, path, value)}"
        guess = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        if guess:
            message += f": did you mean `{guess[0]}`?"
        return message, False
    if kind == "string_pattern_mismatch":
        if "a-z0-9" in str(ctx.get("pattern", "")) and "-" in str(ctx.get("pattern", "")):
            expected = "an id (lowercase letters, digits and single hyphens, like `fastapi`)"
        else:
            expected = f"text matching `{ctx.get('pattern')}`"
        return f"expected {expected}; got {describe_value(document, path, value)}", False
    if kind == "string_too_long":
        return (
            f"is {len(value)} characters long; the limit is {ctx.get('max_length')}. Shorten it.",
            False,
        )
    if kind == "string_too_short":
        return _empty_message(model, path), False
    if kind == "too_short":
        noun = "item" if ctx.get("min_length") == 1 else "items"
        return (
            f"needs at least {ctx.get('min_length')} {noun}, has {ctx.get('actual_length')}; write more, "
            "each on its own line starting with `- ` at the same indentation as the others",
            False,
        )
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = "at least" if kind == "greater_than_equal" else "at most"
        limit = ctx.get("ge", ctx.get("le"))
        return f"must be {bound} {limit}; got {describe_value(document, path, value)}", False
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), False
    expected = _EXPECTED.get(kind)
    if expected:
        return f"{expected}, got {describe_value(document, path, value)}", False
    return error["msg"], False


def _misspelled_required_keys(model: type[BaseModel], details: list[dict]) -> set[Path]:
    """Missing keys that an unknown key in the same mapping is a misspelling of (``prso`` for ``pros``)."""
    missing = {tuple(e["loc"]) for e in details if e["type"] == "missing"}
    found = set()
    for error in details:
        if error["type"] != "extra_forbidden":
            continue
        path = tuple(error["loc"])
        parent = _model_at(model, path[:-1])
        valid = sorted(parent.model_fields) if parent else []
        guess = difflib.get_close_matches(str(path[-1]), valid, n=1, cutoff=0.6)
        if guess and path[:-1] + (guess[0],) in missing:
            found.add(path[:-1] + (guess[0],))
    return found


def validate_model(
    document: SourceDocument, model: type[BaseModel]
) -> tuple[BaseModel | None, list[DataError]]:
    """Validate a loaded document against ``model``; every error located in the file."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        errors = []
        details = exc.errors(include_url=False)
        misspelled = _misspelled_required_keys(model, details)
        for error in details:
            path = tuple(part for part in error["loc"] if part != "[key]")
            if error["type"] == "missing" and path in misspelled:
                continue  # one cause, one message: the unknown key's "did you mean" names it
            message, at_key = _message(document, model, error, path)
            if error["type"] == "missing":
                where = document.position(path[:-1])
                errors.append(DataError(document.file, where.line, where.column, format_path(path), message))
            else:
                errors.append(document.error(path, message, at_key=at_key or "[key]" in error["loc"]))
        return None, errors
