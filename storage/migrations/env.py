"""Alembic environment: uses the connection handed over by storage.db.migrate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

import storage.reporting_models  # noqa: F401
import storage.web_models  # noqa: F401
from storage.models import Base

config = context.config
target_metadata = Base.metadata

connection = config.attributes.get("connection")
if connection is None:  # run from the alembic command line
    connectable = create_engine(config.get_main_option("sqlalchemy.url"))
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
