from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

DEALER_MANAGER_GROUP = "dealer_management.group_dealer_manager"

# Proof that a write comes from the model's own code (an action, a wizard, a cron): a private Python object
# in the context. No RPC call can carry it, since a JSON or XML-RPC context holds only plain values.
_TRUSTED = object()


def context_defaults(env):
    """The values the ``default_<field>`` keys of the context give to the records created in ``env``."""
    return {key[8:]: value for key, value in env.context.items() if key.startswith("default_")}


class DealerWorkflowMixin(models.AbstractModel):
    """State checks, labels, protected fields and the Dealer Manager check of every dealer document.

    Messages are whole translated sentences with the placeholders ``%(name)s`` (the record's display name)
    and ``%(state)s`` (its state's label in the user's language), e.g.::

        self._check_state(("draft",), _("Contract %(name)s cannot be activated: it is %(state)s."))

    Fields listed in ``_dealer_protected_fields`` (the state by default) are written only by the model's own
    code: ``records._dealer_trusted().write({"state": "done"})``. A ``create``/``write`` from anywhere else
    that sets them, directly or through a ``default_<field>`` context key, is refused.

    A document's lines lock with it: the document says when in ``_dealer_lines_locked`` (filed, approved,
    done...), its line models inherit ``dealer.workflow.line.mixin``.
    """

    _name = "dealer.workflow.mixin"
    _description = "Dealer Workflow Helpers"

    _dealer_protected_fields = ("state",)

    # ------------------------------------------------------------------ protected fields
    @api.model_create_multi
    def create(self, vals_list):
        fnames = {fname for vals in vals_list for fname in vals} | set(context_defaults(self.env))
        self._dealer_check_protected(fnames)
        return super().create(vals_list)

    def write(self, vals):
        self._dealer_check_protected(vals)
        return super().write(vals)

    def _dealer_trusted(self):
        """These records, allowed to write their protected fields (for the model's own code only)."""
        return self.with_context(dealer_workflow_trusted=_TRUSTED)

    def _dealer_is_trusted(self):
        return self.env.su or self.env.context.get("dealer_workflow_trusted") is _TRUSTED

    def _dealer_check_protected(self, fnames):
        """Refuse to set protected fields outside the model's own code."""
        protected = [fname for fname in self._dealer_protected_fields if fname in fnames]
        if protected and not self._dealer_is_trusted():
            labels = ", ".join(self._fields[fname].get_description(self.env)["string"] for fname in protected)
            # sudo: the model's name in the user's language, for the message only
            document = self.env["ir.model"].sudo()._get(self._name).name
            raise AccessError(_(
                "%(fields)s of a %(document)s change only through its buttons and wizards, not directly.",
                fields=labels, document=document,
            ))

    # ------------------------------------------------------------------ lines lock with the document
    def _dealer_lines_locked(self):
        """The documents among these whose lines are locked: none by default.

        A document with lines says when they lock, e.g. ``return self.filtered(lambda d: d.state == "done")``.
        """
        return self.browse()

    def _dealer_lines_trusted(self):
        """True when the lines of these documents may change although they are locked: in the model's own code
        (``_dealer_trusted()``) only. Unlike the protected fields, superuser code does not pass: a ``sudo()``
        elsewhere (a portal route, a bridge) must not rewrite what a filed or approved document holds."""
        return self.env.context.get("dealer_workflow_trusted") is _TRUSTED

    def _dealer_lines_locked_message(self, lines):
        """Why ``lines`` (records of a line model, maybe none) of this locked document cannot change: a whole
        translated sentence telling the user what to do."""
        self.ensure_one()
        # sudo: the model's name in the user's language, for the message only
        document = self.env["ir.model"].sudo()._get(self._name).name
        return _(
            "%(document)s %(name)s is %(state)s: its lines can no longer be added, changed or deleted.",
            document=document, name=self.display_name, state=self._state_label(),
        )

    def _dealer_check_lines_unlocked(self, lines):
        """Raise UserError when one of these documents is locked, unless the caller is the documents' own code."""
        if not self or self._dealer_lines_trusted():
            return
        locked = self._dealer_lines_locked()
        if locked:
            raise UserError(locked[0]._dealer_lines_locked_message(lines))

    # ------------------------------------------------------------------ states and labels
    def _selection_label(self, field_name, value=None):
        """Label of a selection value (default: the record's own) in the user's language."""
        if value is None:
            self.ensure_one()
            value = self[field_name]
        return dict(self._fields[field_name]._description_selection(self.env)).get(value, value or "")

    def _state_label(self):
        """Label of the record's state in the user's language."""
        return self._selection_label("state")

    def _check_state(self, allowed, message):
        """Raise UserError(message) for the first record whose state is not in ``allowed``."""
        for record in self:
            if record.state not in allowed:
                raise UserError(message % {"name": record.display_name, "state": record._state_label()})

    # ------------------------------------------------------------------ rights
    def _is_dealer_manager(self):
        """True for a Dealer Manager, and for trusted code running as superuser."""
        return self.env.su or self.env.user.has_group(DEALER_MANAGER_GROUP)

    def _check_dealer_manager(self, message):
        """Raise AccessError(message) unless the user is a Dealer Manager."""
        if not self._is_dealer_manager():
            raise AccessError(message)
