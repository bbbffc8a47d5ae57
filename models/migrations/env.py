"""Alembic environment for Concord projects.

Concord runs migrations in-process (see ``models.store``): the caller passes an open connection
in ``config.attributes["connection"]``. Batch mode lets SQLite alter tables by copy-and-move.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from models.entities import Base

config = context.config
target_metadata = config.attributes.get("target_metadata", Base.metadata)


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # the alembic command line: build an engine from the ini URL
        from models.store import make_engine

        url = config.get_main_option("sqlalchemy.url")
        if url is None:
            raise RuntimeError("alembic.ini names no sqlalchemy.url to migrate")
        engine = make_engine(url)
        with engine.begin() as connection:
            _run(connection)
        return
    _run(connection)


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
