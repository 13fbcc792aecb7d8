"""hooks/handbook/schema.py: the committed JSON Schema matches the models, so editors check what the build checks."""

from __future__ import annotations

from handbook.schema import SCHEMA_DIR, render, schemas


def test_the_committed_schema_is_up_to_date() -> None:
    for name, schema in schemas().items():
        path = SCHEMA_DIR / name
        assert path.is_file(), f"data/schema/{name} is missing: run `make schema`"
        assert path.read_text(encoding="utf-8") == render(schema), f"data/schema/{name} is stale: run `make schema`"


def test_the_schema_lists_the_allowed_values() -> None:
    case = schemas()["case-study.schema.json"]
    text = render(case)
    assert "integrated" in text and "separated" in text
    assert "form" in case["properties"] and "id" in case["required"]
