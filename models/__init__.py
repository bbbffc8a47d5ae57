"""Concord's store: the SQLAlchemy ORM (``models.entities``) and project files (``models.store``)."""

from models.entities import *  # noqa: F401,F403
from models.entities import __all__ as _entities
from models.store import (  # noqa: F401
    NewerSchemaError,
    NotAProjectError,
    Store,
    StoreError,
    copy_project,
    head_revision,
)

__all__ = [*_entities, "Store", "StoreError", "NotAProjectError", "NewerSchemaError", "copy_project", "head_revision"]
