"""The JSON Schema of one article, generated from ``warta.model`` and kept in the repo.

Regenerate with ``python -m warta.schema`` after changing the model; a test fails when
the committed file and the model disagree."""

from __future__ import annotations

import json
from importlib import resources

from warta.model import Article

SCHEMA_FILE = "article.schema.json"


def generate() -> dict:
    schema = Article.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://warta.invalid/schema/article.schema.json"
    return schema


def load() -> dict:
    return json.loads(resources.files(__package__).joinpath(SCHEMA_FILE).read_text("utf-8"))
