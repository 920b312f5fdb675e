from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, format_date

from .dealer_unique_mixin import lock_rows

ADJUSTMENT_STATES = [
    ("draft", "Draft"),
    ("scheduled", "Scheduled"),
    ("applied", "Applied"),
    ("cancelled", "Cancelled"),
]
ONE_SECOND = timedelta(seconds=1)


class DealerPriceAdjustment(models.Model):
    """A price adjustment (价格调整) of dealer pricelists from an effective date, announced to the dealers.

    Confirming writes fixed-price items in the grades' pricelists starting at the effective date (the
    current fixed item of the product ends one second before), so Odoo's own pricing switches on that date.
    """

    _name = "dealer.price.adjustment"
    _description = "Dealer Price Adjustment"
    _check_company_auto = True
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.workflow.mixin"]
    _order = "date_effective desc, id desc"

    # written by the adjustment's own code only: the pricelist rules it created are undone from them on cancel
    _dealer_protected_fields = ("state", "item_ids", "ended_item_data", "notified_partner_ids")

    name = fields.Char(string="Number", default="/", copy=False, readonly=True, tracking=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    user_id = fields.Many2one(
        "res.users", string="Responsible", default=lambda self: self.env.user, tracking=True,
        help="Its time zone sets the midnight the new prices start at; it gets the to-dos of dealers without "
             "salesperson.",
    )
    grade_ids = fields.Many2many(
        "dealer.grade", "dealer_price_adjustment_grade_rel", "adjustment_id", "grade_id", string="Dealer Grades",
        required=True, check_company=True,
    )
    pricelist_ids = fields.Many2many(
        "product.pricelist", "dealer_price_adjustment_pricelist_rel", "adjustment_id", "pricelist_id",
        string="Pricelists", compute="_compute_pricelist_ids", store=True, readonly=False, precompute=True,
        help="Pricelists receiving the new prices: those of the grades, plus any added by hand.", check_company=True,
    )
    date_effective = fields.Date(string="Effective Date", required=True, tracking=True)
    reason = fields.Text(required=True, help="Why the prices change (cost, market...); sent to the dealers.")
    line_ids = fields.One2many("dealer.price.adjustment.line", "adjustment_id", string="New Prices", copy=True)
    state = fields.Selection(
        ADJUSTMENT_STATES, default="draft", required=True, tracking=True, index=True, copy=False, readonly=True,
    )
    item_ids = fields.Many2many(
        "product.pricelist.item", "dealer_price_adjustment_item_rel", "adjustment_id", "item_id",
        string="Pricelist Rules Created", readonly=True, copy=False, check_company=True,
    )
    ended_item_data = fields.Json(
        copy=False, readonly=True, help="Pricelist rules ended by the adjustment and their former end, for cancel.",
    )
    notified_partner_ids = fields.Many2many(
        "res.partner", "dealer_price_adjustment_partner_rel", "adjustment_id", "partner_id",
        string="Dealers Notified", readonly=True, copy=False, check_company=True,
    )
    notified_count = fields.Integer(compute="_compute_notified_count")

    @api.depends("grade_ids")
    def _compute_pricelist_ids(self):
        for adjustment in self:
            adjustment.pricelist_ids = adjustment.grade_ids.pricelist_id | adjustment.pricelist_ids

    @api.depends("notified_partner_ids")
    def _compute_notified_count(self):
        for adjustment in self:
            adjustment.notified_count = len(adjustment.notified_partner_ids)

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("dealer.price.adjustment") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if {"grade_ids", "pricelist_ids", "date_effective", "line_ids"}.intersection(vals):
            self._check_state(("draft",), _("Price adjustment %(name)s is %(state)s: it can no longer be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_draft(self):
        self._check_state(("draft", "cancelled"), _("Price adjustment %(name)s is %(state)s: cancel it first."))

    def _dealer_lines_locked(self):
        """The new prices change only while the adjustment is draft."""
        return self.filtered(lambda a: a.state != "draft")

    def _dealer_lines_locked_message(self, lines):
        self.ensure_one()
        return _("Price adjustment %(name)s is %(state)s: its prices can no longer be changed.",
                 name=self.display_name, state=self._state_label())

    # ------------------------------------------------------------------ helpers
    def _effective_datetime(self):
        """The effective date's midnight in the responsible's time zone, as naive UTC (pricelist rule start)."""
        self.ensure_one()
        tz = pytz.timezone(self.user_id.tz or self.env.user.tz or "UTC")
        local = tz.localize(datetime.combine(self.date_effective, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _fixed_items(self):
        """The dealer pricelists' current and future fixed prices of the adjusted products (minimum quantity ≤ 1)."""
        self.ensure_one()
        return self.env["product.pricelist.item"].sudo().with_context(active_test=False).search([
            ("pricelist_id", "in", self.pricelist_ids.ids), ("applied_on", "=", "1_product"),
            ("product_tmpl_id", "in", self.line_ids.product_tmpl_id.ids), ("compute_price", "=", "fixed"),
            ("min_quantity", "<=", 1), "|", ("date_end", "=", False), ("date_end", ">=", self._effective_datetime()),
        ])

    def _old_prices(self):
        """{(pricelist, template): price} just before the effective date, from Odoo's own pricing."""
        self.ensure_one()
        before = self._effective_datetime() - ONE_SECOND
        return {
            (pricelist, template): pricelist._get_product_price(template, 1.0, date=before)
            for pricelist in self.pricelist_ids
            for template in self.line_ids.product_tmpl_id
        }

    def _write_pricelist_items(self):
        """End the current fixed rules at the effective date and create the new ones starting then."""
        self.ensure_one()
        start = self._effective_datetime()
        # two adjustments of one pricelist confirmed at the same moment: the second is retried after the first
        # (and refused below when both start a price of the same product on the same day)
        lock_rows(self.pricelist_ids)
        items = self._fixed_items()
        ended, new_vals = {}, []
        for pricelist in self.pricelist_ids:
            for line in self.line_ids:
                mine = items.filtered(
                    lambda i, p=pricelist, t=line.product_tmpl_id: i.pricelist_id == p and i.product_tmpl_id == t
                )
                clash = mine.filtered(lambda i: i.date_start == start)
                if clash:
                    raise UserError(_(
                        "Pricelist %(pricelist)s already has a price for %(product)s starting on %(date)s. "
                        "Cancel the adjustment that set it, or choose another effective date.",
                        pricelist=pricelist.display_name, product=line.product_tmpl_id.display_name,
                        date=format_date(self.env, self.date_effective),
                    ))
                later = mine.filtered(lambda i: i.date_start and i.date_start > start)
                for item in mine - later:
                    ended[str(item.id)] = fields.Datetime.to_string(item.date_end) if item.date_end else False
                    item.date_end = start - ONE_SECOND
                next_start = min(later.mapped("date_start")) if later else False
                new_vals.append({
                    "pricelist_id": pricelist.id, "applied_on": "1_product", "product_tmpl_id": line.product_tmpl_id.id,
                    "compute_price": "fixed", "fixed_price": line.new_price, "min_quantity": 0.0,
                    "date_start": start, "date_end": next_start and next_start - ONE_SECOND,
                })
        created = self.env["product.pricelist.item"].sudo().create(new_vals)
        self._dealer_trusted().write({"item_ids": [fields.Command.set(created.ids)], "ended_item_data": ended})

    def _dealers_to_notify(self):
        """Active dealers of the adjusted grades."""
        self.ensure_one()
        return self.env["res.partner"].sudo().search([
            ("is_dealer", "=", True), ("dealer_state", "=", "active"), ("dealer_grade_id", "in", self.grade_ids.ids),
            ("company_id", "in", (False, self.company_id.id)),
        ])

    def _notification_body(self, pricelist, old_prices):
        """The announcement for the dealers of a pricelist: each product, old → new price, effective date."""
        self.ensure_one()
        currency = pricelist.currency_id or self.company_id.currency_id
        rows = Markup("").join(
            Markup("<li>%s: %s → %s</li>") % (
                line.product_tmpl_id.display_name,
                format_amount(self.env, old_prices.get((pricelist, line.product_tmpl_id), 0.0), currency),
                format_amount(self.env, line.new_price, currency),
            )
            for line in self.line_ids
        )
        return Markup("<p>%s</p><ul>%s</ul><p>%s</p>") % (
            _("Price adjustment %(name)s: from %(date)s the following prices apply.",
              name=self.name, date=format_date(self.env, self.date_effective)),
            rows,
            _("Reason: %(reason)s", reason=self.reason),
        )

    def _notify_dealers(self, old_prices):
        """Post the new prices on each active dealer of the grades and give its salesperson one to-do."""
        self.ensure_one()
        dealers = self._dealers_to_notify()
        summary = _("Price adjustment %(name)s effective %(date)s: inform the dealer",
                    name=self.name, date=format_date(self.env, self.date_effective))
        deadline = max(self.date_effective, fields.Date.context_today(self))
        bodies = {}
        for dealer in dealers:
            pricelist = dealer.dealer_grade_id.pricelist_id
            if pricelist not in bodies:
                bodies[pricelist] = self._notification_body(pricelist, old_prices)
            body = bodies[pricelist]
            # sudo: a Dealer Manager may not write partners; the right to adjust prices was checked
            dealer.message_post(body=body, partner_ids=dealer.ids, subtype_xmlid="mail.mt_comment")
            dealer.activity_schedule(
                "mail.mail_activity_data_todo", date_deadline=deadline, summary=summary, note=body,
                user_id=(dealer.user_id or self.user_id or self.env.user).id,
            )
        self._dealer_trusted().notified_partner_ids = [fields.Command.set(dealers.ids)]
        return dealers

    # ------------------------------------------------------------------ transitions
    def action_confirm(self):
        """Draft → scheduled (or applied when effective today or earlier): write the prices, tell the dealers."""
        self._check_dealer_manager(_("Only a Dealer Manager may confirm a price adjustment."))
        self._check_state(("draft",), _("Price adjustment %(name)s cannot be confirmed: it is %(state)s, not draft."))
        today = fields.Date.context_today(self)
        for adjustment in self:
            if not adjustment.line_ids:
                raise UserError(_("Add the new prices to price adjustment %(name)s first.", name=adjustment.name))
            missing = adjustment.grade_ids.filtered(lambda g: not g.pricelist_id)
            if missing:
                raise UserError(_(
                    "Grade %(grades)s has no pricelist: set one on the grade before adjusting its prices.",
                    grades=", ".join(missing.mapped("name")),
                ))
            old_prices = adjustment._old_prices()
            adjustment._write_pricelist_items()
            adjustment._dealer_trusted().write({
                "state": "applied" if adjustment.date_effective <= today else "scheduled",
            })
            dealers = adjustment._notify_dealers(old_prices)
            adjustment.message_post(body=_(
                "New prices written in %(pricelists)s from %(date)s; %(count)s dealers notified.",
                pricelists=", ".join(adjustment.pricelist_ids.mapped("display_name")),
                date=format_date(self.env, adjustment.date_effective), count=len(dealers),
            ))
        return True

    def action_cancel(self):
        """Draft/scheduled → cancelled; a scheduled adjustment's rules are removed and the old ones restored."""
        self._check_dealer_manager(_("Only a Dealer Manager may cancel a price adjustment."))
        self._check_state(("draft", "scheduled"), _(
            "Price adjustment %(name)s cannot be cancelled: it is %(state)s. Prices in force are changed by a new "
            "adjustment.",
        ))
        for adjustment in self.filtered(lambda a: a.state == "scheduled"):
            adjustment.item_ids.sudo().unlink()
            Item = self.env["product.pricelist.item"].sudo()
            for item_id, date_end in (adjustment.ended_item_data or {}).items():
                Item.browse(int(item_id)).exists().write({"date_end": date_end or False})
            adjustment.message_post(body=_("Cancelled: the former prices apply again."))
        self._dealer_trusted().write({"state": "cancelled"})
        return True

    def action_draft(self):
        """Cancelled → draft."""
        self._check_dealer_manager(_("Only a Dealer Manager may reset a price adjustment to draft."))
        self._check_state(("cancelled",), _("Price adjustment %(name)s cannot be reset: it is %(state)s."))
        self._dealer_trusted().write({
            "state": "draft", "item_ids": [fields.Command.clear()], "ended_item_data": False,
        })
        return True

    @api.model
    def _cron_apply_scheduled(self):
        """Mark scheduled adjustments whose effective date has come as applied (prices switch by themselves)."""
        today = fields.Date.context_today(self)
        due = self.search([("state", "=", "scheduled"), ("date_effective", "<=", today)])
        due._dealer_trusted().write({"state": "applied"})

    def action_view_notified(self):
        """Open the dealers that were notified."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_management.action_dealer_partner")
        action["domain"] = [("id", "in", self.notified_partner_ids.ids)]
        return action
