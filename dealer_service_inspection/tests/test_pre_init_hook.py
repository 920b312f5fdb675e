from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from odoo.addons.dealer_service_inspection import MODELS, pre_init_hook

MODULE = "dealer_service_inspection"
# what the addon ships, of every kind a database that had the inspections in dealer_service has under it
SHIPPED_KINDS = {
    "ir.model", "ir.model.fields", "ir.model.fields.selection", "ir.ui.view", "ir.actions.act_window", "ir.ui.menu",
    "ir.model.access", "ir.rule", "ir.cron", "ir.sequence", "dealer.service.inspection.template",
    "dealer.service.inspection.item",
}


@tagged("post_install", "-at_install")
class TestPreInitHook(TransactionCase):
    """A database created while dealer_service held the inspections: installing this addon takes their records
    over, so that dealer_service's next upgrade keeps them (it deletes what it no longer ships)."""

    def _data(self, module):
        # but the xml id of dealer.grade, which the addon extends: every addon extending a model gets its own at
        # install (dealer_service had one, which its upgrade deletes)
        return self.env["ir.model.data"].search([("module", "=", module), ("name", "!=", "model_dealer_grade")])

    def _constraint_modules(self):
        """The modules owning the SQL constraints of the inspection models."""
        self.env.cr.execute(SQL(
            """SELECT DISTINCT module.name FROM ir_model_constraint constraint_
                 JOIN ir_module_module module ON module.id = constraint_.module
                 JOIN ir_model model ON model.id = constraint_.model
                WHERE model.model IN %s""", tuple(MODELS)))
        return {row[0] for row in self.env.cr.fetchall()}

    def test_pre_init_hook_takes_over_the_records_of_an_older_database(self):
        data = self._data(MODULE)
        self.assertLessEqual(SHIPPED_KINDS, set(data.mapped("model")))
        self.assertEqual(self._constraint_modules(), {MODULE})
        service_data = self._data("dealer_service")
        records = {(row.model, row.res_id) for row in data}
        # as such a database has them: everything of the inspections under dealer_service
        data.module = "dealer_service"
        self.env.cr.execute(SQL(
            """UPDATE ir_model_constraint SET module = (SELECT id FROM ir_module_module WHERE name = 'dealer_service')
                WHERE model IN (SELECT id FROM ir_model WHERE model IN %s)""", tuple(MODELS)))
        self.assertFalse(self._data(MODULE))

        pre_init_hook(self.env)

        self.assertEqual(self._data(MODULE), data, "every record handed over")
        self.assertEqual({(row.model, row.res_id) for row in data}, records, "the same records")
        self.assertEqual(self._data("dealer_service"), service_data, "dealer_service keeps its own records")
        self.assertEqual(self._constraint_modules(), {MODULE})
        self.assertEqual(self.env.ref(f"{MODULE}.inspection_template_default")._name,
                         "dealer.service.inspection.template")
