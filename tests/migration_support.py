"""Running the migrations to a point and back to the latest, for the migration tests."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets):
    """Migrate the test database to `targets`; the historical apps at that point."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def leaf():
    """The latest migrations: where the test database is put back afterwards."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()
