from odoo import api, models

from .dealer_workflow_mixin import context_defaults

# fields of the chatter and the activities, which a locked document or line still takes
CHATTER_PREFIXES = ("message_", "activity_")


class DealerWorkflowLineMixin(models.AbstractModel):
    """A line of a dealer document: added, changed and deleted only while its document is not locked.

    The line model names the many2one to its document (a ``dealer.workflow.mixin``) in
    ``_dealer_line_parent_field``; the document says when it locks in ``_dealer_lines_locked``. Creating,
    writing and deleting lines then fail on a locked document, whether they are called directly or through the
    document's one2many commands (which create, write and delete lines); moving a line to another document
    counts for both. Only the document's own code passes (``_dealer_lines_trusted``).

    ``_dealer_line_locked_fields`` limits the lock of writes to some fields (with the parent field); by
    default every field but the chatter's is locked.
    """

    _name = "dealer.workflow.line.mixin"
    _description = "Dealer Document Line"

    _dealer_line_parent_field = None
    _dealer_line_locked_fields = None

    def _dealer_line_documents(self, vals=None):
        """The documents of these lines, and the one ``vals`` (of a write or a create) puts them in."""
        fname = self._dealer_line_parent_field
        documents = self[fname]
        if vals and vals.get(fname):
            value = vals[fname]
            documents |= value if isinstance(value, models.BaseModel) else documents.browse(value)
        return documents

    def _dealer_line_changes_locked(self, fnames):
        """True when writing ``fnames`` changes what the lines' documents lock."""
        if self._dealer_line_locked_fields is None:
            return any(not fname.startswith(CHATTER_PREFIXES) for fname in fnames)
        locked = {self._dealer_line_parent_field, *self._dealer_line_locked_fields}
        return any(fname in locked for fname in fnames)

    @api.model_create_multi
    def create(self, vals_list):
        # a default_<field> context key is a value of the created lines as well
        defaults = context_defaults(self.env)
        documents = self._dealer_line_documents()
        for vals in vals_list:
            documents |= self.browse()._dealer_line_documents({**defaults, **vals})
        documents._dealer_check_lines_unlocked(self)
        return super().create(vals_list)

    def write(self, vals):
        if self._dealer_line_changes_locked(vals):
            self._dealer_line_documents(vals)._dealer_check_lines_unlocked(self)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked_document(self):
        self._dealer_line_documents()._dealer_check_lines_unlocked(self)
