"""Every way of changing the lines of a locked document, for the tests of ``dealer.workflow.line.mixin``.

A test class mixes ``LinesLockMixin`` into its ``DealerTestCommon`` and calls ``assertLinesLocked`` with a locked
document: each attack is performed as the given user, must be refused with the given message, and the lines (of
the locked document and of the draft one lines are moved from) must read the same afterwards. With
``CallKwMixin`` and ``HttpCase``, ``assertCallKwRefused`` performs one attack over JSON-RPC.
"""
from odoo import Command
from odoo.exceptions import UserError

# what the ORM writes by itself on every write: not part of what a line holds
VOLATILE_FIELDS = {"write_date", "write_uid", "create_date", "create_uid"}


class LinesLockMixin:

    def _lines_snapshot(self, *documents_lines):
        """What the lines hold, read as superuser: {(document, one2many field): [stored values of each line]}."""
        self.env.invalidate_all()
        snapshot = {}
        for document, lines_field in documents_lines:
            document = document.sudo()
            lines = document[lines_field]
            fnames = [fname for fname, field in lines._fields.items()
                      if field.store and field.type not in ("binary", "one2many") and fname not in VOLATILE_FIELDS]
            snapshot[document, lines_field] = lines.read(fnames)
        return snapshot

    def _lines_lock_attacks(self, user, document, lines_field, create_vals, write_vals, draft_document=None):
        """(name, attack) of every way to change the lines of ``document`` through ``lines_field``."""
        field = document._fields[lines_field]
        inverse = field.inverse_name
        Line = self.env[field.comodel_name].with_user(user)
        line = document[lines_field][:1].with_user(user)
        doc = document.with_user(user)
        attacks = [
            ("create", lambda: Line.create({**create_vals, inverse: document.id})),
            ("create with a default_ key", lambda: Line.with_context(
                **{f"default_{inverse}": document.id}).create(create_vals)),
            ("write", lambda: line.write(write_vals)),
            ("unlink", lambda: line.unlink()),
            ("command create (0)", lambda: doc.write({lines_field: [Command.create(create_vals)]})),
            ("command update (1)", lambda: doc.write({lines_field: [Command.update(line.id, write_vals)]})),
            ("command delete (2)", lambda: doc.write({lines_field: [Command.delete(line.id)]})),
            ("command unlink (3)", lambda: doc.write({lines_field: [Command.unlink(line.id)]})),
            ("command clear (5)", lambda: doc.write({lines_field: [Command.clear()]})),
            ("command set (6)", lambda: doc.write({lines_field: [Command.set([])]})),
        ]
        if draft_document:
            draft_line = draft_document[lines_field][:1].with_user(user)
            attacks += [
                ("command link (4)", lambda: doc.write({lines_field: [Command.link(draft_line.id)]})),
                ("move in", lambda: draft_line.write({inverse: document.id})),
                ("move out", lambda: line.write({inverse: draft_document.id})),
            ]
        return attacks

    def assertLinesLocked(self, user, document, lines_field, regex, create_vals, write_vals, draft_document=None):
        """Every attack on the lines of the locked ``document`` (create, write, unlink, directly or through the
        one2many commands 0 to 6, moving lines in or out) is refused to ``user`` with ``regex``; nothing is
        written."""
        documents_lines = [(document, lines_field)] + ([(draft_document, lines_field)] if draft_document else [])
        before = self._lines_snapshot(*documents_lines)
        self.assertTrue(before[document, lines_field], "the locked document needs a line to attack")
        for name, attack in self._lines_lock_attacks(
                user, document, lines_field, create_vals, write_vals, draft_document):
            with self.subTest(attack=name, user=user.login), self.assertRefused(UserError, regex):
                attack()
        self.assertEqual(self._lines_snapshot(*documents_lines), before)

    def assertCallKwRefused(self, user, exception, regex, model, method, args, context=None):
        """One ``call_kw`` of ``user`` (an ``HttpCase`` with ``CallKwMixin``) is refused by ``exception`` (its
        name in ``odoo.exceptions``) with a message matching ``regex``."""
        self.authenticate(user.login, user.login)
        _result, error = self._call_kw(model, method, args, context=context)
        self.assertTrue(error, f"{model}.{method} was accepted")
        self.assertEqual(error["name"], f"odoo.exceptions.{exception}")
        self.assertRegex(error["message"], regex)
