"""'Only one' rules kept by the database: partial unique indexes, and row locks where no index can say the rule."""
from contextlib import contextmanager

import psycopg2.errors

from odoo import api, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL
from odoo.tools.translate import translate_sql_constraint


def lock_rows(records):
    """Serialize the transactions that check a rule on these rows: the second one is aborted, then retried.

    Odoo runs transactions in REPEATABLE READ: each sees the snapshot taken at its first statement, so a rule
    checked by a search ("no other open X") passes in two transactions at the same moment. A no-op UPDATE of a
    row both transactions depend on (the dealer, the contract, the territory) makes the second wait for the
    first; when the first commits, PostgreSQL aborts the second with a serialization failure, and Odoo's
    RPC/HTTP layer retries the whole request on a fresh snapshot, where the check sees the first one's work.
    A plain ``SELECT ... FOR UPDATE`` would only make it wait: its snapshot would still miss the first one's
    rows (see ``sale.order._dealer_lock_partner``, the credit check that uses it first).
    """
    if records.ids:
        records.env.cr.execute(SQL(
            "UPDATE %s SET write_date = write_date WHERE id IN %s",
            SQL.identifier(records._table), tuple(records.ids),
        ))


class DealerUniqueMixin(models.AbstractModel):
    """A rule "only one X per Y" (one open termination per dealer, one assessment per period and scope, ...)
    checked by a search alone is no rule: two requests at the same moment both search before either writes,
    both pass and both write. The database keeps it, with a partial unique index per rule:

        _dealer_unique_indexes = {
            "open_dealer_uniq": (
                ("partner_id", "state"), "partner_id", "state IN ('draft', 'confirmed')",
                "_check_single_open_termination",
            ),
        }
        _sql_constraints = [("open_dealer_uniq", "", "This dealer already has a termination in progress.")]

    (key: the fields the rule reads, the indexed columns or expressions, the WHERE clause or "", and the
    model's own check of the rule or None). The index is ``<table>_<key>``; the empty definition in
    ``_sql_constraints`` is Odoo's way to declare a constraint made by a custom index: its message is
    translated (``ir.model.constraint``) and shown by Odoo's RPC layer.

    A second transaction waits on the index until the first commits, then is refused. ``create`` and
    ``write`` (of the fields the rules read) roll back what they wrote and raise a ValidationError instead
    of the database error, so that the code catching UserError (portal forms, wizards) shows it too. Its
    message is the model's own check run on the values that were refused, which names the other record when
    it sees it (the usual case: the index refuses before an ``api.constrains`` method runs); at the same
    moment it cannot see it, and the index's message says it.

    Rules an index cannot say (overlapping periods, counts) lock a row instead: see ``lock_rows``.
    """

    _name = "dealer.unique.mixin"
    _description = "Dealer Rules Kept by the Database"

    _dealer_unique_indexes = {}

    def init(self):
        result = super().init()
        for key, (_fnames, columns, where, _check) in self._dealer_unique_indexes.items():
            self.env.cr.execute(SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (%s)%s",
                SQL.identifier(f"{self._table}_{key}"), SQL.identifier(self._table), SQL(columns),
                SQL(" WHERE %s", SQL(where)) if where else SQL(),
            ))
        return result

    @contextmanager
    def _dealer_unique_guard(self, refused):
        """Run the block in a savepoint (flushed at its end); raise a violated rule as a ValidationError.

        ``refused()``: the records as the block would have written them (new records), for the model's check.
        """
        try:
            with self.env.cr.savepoint():
                yield
        except psycopg2.errors.UniqueViolation as error:
            name = error.diag.constraint_name
            rule = next((rule for key, rule in self._dealer_unique_indexes.items()
                         if f"{self._table}_{key}" == name), None)
            if not rule:
                raise
            if rule[3]:
                getattr(refused(), rule[3])()  # raises the model's own message when it sees the other record
            raise ValidationError(translate_sql_constraint(self.env.cr, name, self.env.lang or "en_US")) from None

    @api.model_create_multi
    def create(self, vals_list):
        if not self._dealer_unique_indexes:
            return super().create(vals_list)

        def refused():
            defaults = self.default_get(list(self._fields))
            return self.concat(*(self.new({**defaults, **vals}) for vals in vals_list))

        with self._dealer_unique_guard(refused):
            return super().create(vals_list)

    def write(self, vals):
        guarded = {fname for fnames, *_rule in self._dealer_unique_indexes.values() for fname in fnames}
        if not guarded.intersection(vals):
            return super().write(vals)
        with self._dealer_unique_guard(lambda: self.concat(*(self.new(vals, origin=rec) for rec in self))):
            return super().write(vals)
