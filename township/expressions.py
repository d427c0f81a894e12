"""Date arithmetic in the database, so that lists filter and stats count by computed deadlines.

A deadline is "start + n calendar days" (rules.py); computing it in SQL keeps list filters and
figures one query each, whatever the number of records. SQLite and PostgreSQL spell it differently.
"""

from django.db import NotSupportedError
from django.db.models import DateField, Func


class AddDays(Func):
    """date + days (an integer expression) as a date; NULL when the date is NULL."""

    arity = 2
    output_field = DateField()

    def _parts(self, compiler, connection):
        date_sql, date_params = compiler.compile(self.source_expressions[0])
        days_sql, days_params = compiler.compile(self.source_expressions[1])
        return date_sql, days_sql, (*date_params, *days_params)

    def as_sqlite(self, compiler, connection, **extra_context):
        date_sql, days_sql, params = self._parts(compiler, connection)
        return f"date({date_sql}, ({days_sql}) || ' days')", params

    def as_postgresql(self, compiler, connection, **extra_context):
        date_sql, days_sql, params = self._parts(compiler, connection)
        return f"({date_sql} + CAST({days_sql} AS integer))", params

    def as_sql(self, compiler, connection, **extra_context):
        # the portal supports SQLite and PostgreSQL only (DESIGN.md §2)
        raise NotSupportedError(f"AddDays is not available on {connection.vendor}")
