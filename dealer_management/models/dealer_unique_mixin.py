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

    ``create`` and ``write`` (of the fields a rule reads) run the model's check first, on the values about to
    be written (new records): in the usual case it refuses, naming the other record, and nothing reaches the
    database. Two requests at the same moment both pass it; the second then waits on the index until the
    first commits, and is refused: ``create`` and ``write`` roll back what they wrote and raise a
    ValidationError with the index's message instead of the database error, so that the code catching
    UserError (portal forms, wizards) shows it too.

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

    def _dealer_unique_check(self, rules, new_records):
        """Run the model's own check of these rules on the records about to be written."""
        for check in dict.fromkeys(rule[3] for rule in rules if rule[3]):
            getattr(new_records, check)()

    @contextmanager
    def _dealer_unique_guard(self):
        """Run the block in a savepoint (flushed at its end); raise a violated rule as a ValidationError."""
        try:
            with self.env.cr.savepoint():
                yield
                # flushed here, in the caller's environment (its context, e.g. the go-live import's "no tracking"),
                # rather than by the savepoint in whichever environment the transaction picks
                self.env.flush_all()
        except psycopg2.errors.UniqueViolation as error:
            name = error.diag.constraint_name
            if name not in {f"{self._table}_{key}" for key in self._dealer_unique_indexes}:
                raise
            raise ValidationError(translate_sql_constraint(self.env.cr, name, self.env.lang or "en_US")) from None

    @api.model_create_multi
    def create(self, vals_list):
        rules = list(self._dealer_unique_indexes.values())
        if not rules:
            return super().create(vals_list)
        fnames = [fname for rule in rules for fname in rule[0]]
        defaults = self.default_get(fnames)
        self._dealer_unique_check(rules, self.concat(*(
            self.new({**defaults, **{fname: vals[fname] for fname in fnames if fname in vals}}) for vals in vals_list
        )))
        with self._dealer_unique_guard():
            return super().create(vals_list)

    def write(self, vals):
        rules = [rule for rule in self._dealer_unique_indexes.values() if set(rule[0]).intersection(vals)]
        if not rules:
            return super().write(vals)
        fnames = {fname for rule in rules for fname in rule[0]}
        changes = {fname: value for fname, value in vals.items() if fname in fnames}
        self._dealer_unique_check(rules, self.concat(*(self.new(changes, origin=record) for record in self)))
        with self._dealer_unique_guard():
            return super().write(vals)
