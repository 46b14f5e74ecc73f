"""Queries built once per process: the few that every request asks, whose building by
the ORM (a dozen subqueries) takes longer than the database takes to answer them.

`run(key, build, values)` runs the SQL of the queryset `build(*placeholders)`, with
`values` in place of the placeholders. The SQL is built the first time, per `key` and
number of values, and kept for the life of the process: what varies from one run to the
next must be among `values` (a user's id, their task forces' ids) or in `key` (a day,
which roles to ask about), never anything else the builder reads.
"""

from django.db import DEFAULT_DB_ALIAS, connections

# Ids no row has (negative), each replaced by its value on every run.
PLACEHOLDER = -7_300_001

_built = {}


def _sql(key, build, count):
    cache_key = (key, count)
    if cache_key not in _built:
        placeholders = [PLACEHOLDER - number for number in range(count)]
        sql, params = build(*placeholders).query.sql_with_params()
        # For each parameter: the index of the value it stands for, or the constant.
        slots = [
            (placeholders.index(param), None)
            if isinstance(param, int) and param in placeholders
            else (None, param)
            for param in params
        ]
        _built[cache_key] = sql, slots
    return _built[cache_key]


def run(key, build, values, *, count=False):
    """The rows of `build(*values)` (or, with `count`, how many), built once per `key`."""
    sql, slots = _sql(key, build, len(values))
    params = [values[index] if index is not None else constant for index, constant in slots]
    if count:
        sql = f"SELECT COUNT(*) FROM ({sql}) AS counted"
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
