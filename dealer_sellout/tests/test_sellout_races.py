from odoo.tests import tagged

from odoo.addons.dealer_management.tests.common_race import DealerRaceCase


@tagged("post_install", "-at_install")
class TestSelloutRaces(DealerRaceCase):
    """A serial is sold once: two retail sales of one serial confirmed at the same moment are not both its sale."""

    @classmethod
    def _create_race_data(cls, env):
        dealer = cls._race_dealers(env, ["Race Sell-out Dealer"])
        product = env["product.product"].create({
            "name": "Race Vehicle", "is_storable": True, "tracking": "serial", "list_price": 90000.0,
        })
        lot = env["stock.lot"].create({"name": "RACE-VIN-0001", "product_id": product.id})
        lot._dealer_trusted_lot().write({"dealer_id": dealer.id})  # delivered to the dealer
        sales = env["dealer.sellout"].create([{
            "dealer_id": dealer.id, "product_id": product.id, "lot_id": lot.id, "quantity": 1,
            "price_unit": 120000.0, "customer_name": name,
        } for name in ("Wang Wei", "Li Na")])
        accessory = env["product.product"].create({"name": "Race Floor Mat", "list_price": 100.0, "sale_ok": True})
        return {
            "dealer": dealer.id, "product": product.id, "lot": lot.id, "sales": sales.ids, "accessory": accessory.id,
        }

    @classmethod
    def _remove_race_data(cls, env, ids):
        sales = env["dealer.sellout"].browse(ids["sales"])
        env["dealer.violation"].search([("dealer_sellout_id", "in", sales.ids)]).unlink()
        lot = env["stock.lot"].browse(ids["lot"])
        lot._dealer_trusted_lot().write({"dealer_id": False, "dealer_sellout_id": False})
        sales.unlink()
        lot.unlink()
        env["dealer.sellout.forecast"].search([("dealer_id", "=", ids["dealer"])]).unlink()
        env["product.product"].browse([ids["product"], ids["accessory"]]).product_tmpl_id.unlink()
        env["res.partner"].browse(ids["dealer"]).unlink()

    def test_two_sales_of_one_serial_confirmed_at_once(self):
        first_id, second_id = self.race_ids["sales"]
        outcome = self._race_calls("dealer.sellout", first_id, second_id, "action_confirm")
        # the second waited on the serial the first recorded its sale on, and was run again: it is recorded as
        # a second sale of the serial (a detection for the back office), not as the serial's sale
        self.assertTrue(outcome["waited"])
        self.assertTrue(outcome["retried"])
        with self._committed_env() as env:
            self.assertEqual(env["stock.lot"].browse(self.race_ids["lot"]).dealer_sellout_id.id, first_id)
            self.assertEqual(env["dealer.sellout"].browse(first_id).serial_status, "ok")
            self.assertEqual(env["dealer.sellout"].browse(second_id).serial_status, "sold_twice")

    def test_one_forecast_sent_twice_at_once(self):
        """The second submission replaces the first one's quantity; the dealer keeps one line per product and month."""
        accessory_id = self.race_ids["accessory"]

        def submit(quantity):
            def send(env):
                Forecast = env["dealer.sellout.forecast"]
                month = Forecast._dealer_forecast_months()[0]
                Forecast._dealer_forecast_submit(env["res.partner"].browse(self.race_ids["dealer"]), [
                    {"product_id": accessory_id, "month": month, "quantity": quantity},
                ])
            return send

        outcome = self._race(submit(5.0), submit(8.0))
        self.assertIn("result", outcome, outcome.get("error"))
        self.assertTrue(outcome["waited"])
        self.assertTrue(outcome["retried"])
        with self._committed_env() as env:
            forecasts = env["dealer.sellout.forecast"].search([("dealer_id", "=", self.race_ids["dealer"])])
            self.assertEqual(forecasts.mapped("quantity"), [8.0])
