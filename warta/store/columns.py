"""Annotation columns from the kind registry (``warta.model.ANNOTATION_KINDS``), shared by
the SQLite and PostgreSQL backends: each passes its own SQL names for int and float."""

from __future__ import annotations

import types
import typing

from warta.model import AnnotationKind


def column_type(annotation, sql_types: dict[type, str]) -> str:
    """SQL type of a pydantic field annotation (Optional[int] -> the backend's int type)."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        annotation = args[0]
    return sql_types.get(annotation, "TEXT")


def column_definitions(kind: AnnotationKind, sql_types: dict[type, str]) -> dict[str, str]:
    """Column -> SQL type and constraint, for the table of ``kind`` (after article_id)."""
    columns = {}
    for name, info in kind.model.model_fields.items():
        required = info.is_required() or info.default is not None
        columns[name] = column_type(info.annotation, sql_types) + (" NOT NULL" if required else "")
    return columns
