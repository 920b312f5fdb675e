from odoo import models
from odoo.exceptions import AccessError, UserError

DEALER_MANAGER_GROUP = "dealer_management.group_dealer_manager"


class DealerWorkflowMixin(models.AbstractModel):
    """State checks, labels and the Dealer Manager check shared by every dealer document with a workflow.

    Messages are whole translated sentences with the placeholders ``%(name)s`` (the record's display name)
    and ``%(state)s`` (its state's label in the user's language), e.g.::

        self._check_state(("draft",), _("Contract %(name)s cannot be activated: it is %(state)s."))
    """

    _name = "dealer.workflow.mixin"
    _description = "Dealer Workflow Helpers"

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

    def _is_dealer_manager(self):
        """True for a Dealer Manager, and for trusted code running as superuser."""
        return self.env.su or self.env.user.has_group(DEALER_MANAGER_GROUP)

    def _check_dealer_manager(self, message):
        """Raise AccessError(message) unless the user is a Dealer Manager."""
        if not self._is_dealer_manager():
            raise AccessError(message)
