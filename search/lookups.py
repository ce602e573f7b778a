"""``pk__in_array=[…]``: one array parameter instead of one parameter per id.

Facet counts filter a dozen grouped queries by the same few thousand matching ids; as
separate parameters that costs more to send and parse than the queries take to run.
PostgreSQL only (``= ANY(%s)``); elsewhere it is the plain ``IN`` lookup.
"""

from django.db.models import Field, ForeignObject, Lookup
from django.db.models.lookups import In


class InArray(Lookup):
    lookup_name = "in_array"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [list(value)])

    def as_sql(self, compiler, connection):
        if connection.vendor != "postgresql":
            return In(self.lhs, list(self.rhs)).as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*lhs_params, list(self.rhs)]


Field.register_lookup(InArray)
ForeignObject.register_lookup(InArray)  # the page_ptr of page subclasses
