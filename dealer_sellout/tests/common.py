"""Test base of dealer_sellout: a serial-tracked vehicle in stock, dealers in territories, deliveries."""
from odoo import Command

from odoo.addons.dealer_management.tests.common import DealerTestCommon


class SelloutTestCommon(DealerTestCommon):
    """Dealer A (杭州) with sub-dealer A1, dealer B (江苏); a vehicle tracked by VIN with a minimum retail price of
    100,000; a plain accessory; helpers to stock serials, deliver them to a dealer and take them back."""

    run_as_superuser = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Sellout = cls.env["dealer.sellout"]
        cls.Lot = cls.env["stock.lot"]
        cls.company = cls.env.company
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.stock_location = cls.warehouse.lot_stock_id
        cls.customer_location = cls.env.ref("stock.stock_location_customers")
        cls.dealer_a = cls._create_dealer("Sell-out Dealer A", state="active", grade=cls.grade_core,
                                          territories=cls.hangzhou)
        cls.dealer_b = cls._create_dealer("Sell-out Dealer B", state="active", grade=cls.grade_core,
                                          territories=cls.jiangsu)
        cls.sub_dealer_a1 = cls._create_dealer("Sell-out Sub-dealer A1", state="active", grade=cls.grade_regular,
                                               parent_dealer_id=cls.dealer_a.id)
        cls.vehicle = cls._create_product(
            name="Vehicle X1", is_storable=True, tracking="serial", lst_price=90000.0,
            dealer_min_retail_price=100000.0, taxes_id=[Command.clear()],
        )
        cls.accessory = cls._create_product(
            name="Floor Mat", is_storable=True, lst_price=100.0, taxes_id=[Command.clear()],
        )

    @classmethod
    def _stock_serials(cls, names, product=None):
        """Serials of `product` (the vehicle) in stock, one unit each."""
        product = product or cls.vehicle
        lots = cls.Lot.create([{"name": name, "product_id": product.id, "company_id": cls.company.id}
                               for name in names])
        for lot in lots:
            cls.env["stock.quant"]._update_available_quantity(product, cls.stock_location, 1, lot_id=lot)
        return lots

    @classmethod
    def _transfer(cls, partner, lots, picking_type, source, destination):
        product = lots.product_id
        picking = cls.env["stock.picking"].create({
            "picking_type_id": picking_type.id,
            "partner_id": partner.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "move_ids": [Command.create({
                "name": product.name, "product_id": product.id, "product_uom_qty": len(lots),
                "product_uom": product.uom_id.id, "location_id": source.id, "location_dest_id": destination.id,
            })],
        })
        picking.action_confirm()
        move = picking.move_ids
        move.move_line_ids.unlink()
        move.write({"move_line_ids": [Command.create({
            "product_id": product.id, "lot_id": lot.id, "quantity": 1, "product_uom_id": product.uom_id.id,
            "location_id": source.id, "location_dest_id": destination.id, "picking_id": picking.id,
        }) for lot in lots], "picked": True})
        picking._action_done()
        return picking

    @classmethod
    def _deliver(cls, dealer, lots):
        """A done delivery of `lots` to `dealer`."""
        return cls._transfer(dealer, lots, cls.warehouse.out_type_id, cls.stock_location, cls.customer_location)

    @classmethod
    def _return(cls, dealer, lots):
        """A done return of `lots` from `dealer` into stock."""
        return cls._transfer(dealer, lots, cls.warehouse.in_type_id, cls.customer_location, cls.stock_location)

    def _sellout(self, dealer=None, product=None, lot_name=None, **vals):
        """A draft retail sale of the vehicle (or `product`), sold in 杭州 at 120,000 by default."""
        product = product or self.vehicle
        values = {
            "dealer_id": (dealer or self.dealer_a).id, "product_id": product.id, "quantity": 1,
            "price_unit": 120000.0, "customer_name": "Wang Wei", "customer_state_id": self.state_zj.id,
            "customer_city": "杭州", **vals,
        }
        if lot_name:
            values["lot_name"] = lot_name
        return self.Sellout.create(values)
