from datetime import timedelta

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_datetime, is_html_empty

from ..tools.period import dealer_period_bounds

SUBJECT_TYPES = [
    ("quality", "Product Quality"),
    ("delivery", "Delivery"),
    ("service", "Service"),
    ("price", "Price Dispute"),
    ("other", "Other"),
]
PRIORITIES = [("0", "Low"), ("1", "Normal"), ("2", "High"), ("3", "Urgent")]
COMPLAINT_STATES = [
    ("new", "New"),
    ("in_progress", "In Progress"),
    ("resolved", "Resolved"),
    ("closed", "Closed"),
    ("rejected", "Rejected"),
]
OPEN_STATES = ("new", "in_progress")


class DealerComplaint(models.Model):
    """After-sales case of a dealer: return/exchange, repair, quality problem, customer complaint, rights."""

    _name = "dealer.complaint"
    _description = "Dealer Complaint"
    _check_company_auto = True
    _inherit = ["dealer.relation.mixin", "dealer.workflow.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "priority desc, date_reported desc, id desc"

    name = fields.Char(string="Reference", required=True, default="/", copy=False, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Dealer", required=True, tracking=True, index=True,
        domain=[("is_dealer", "=", True), ("is_company", "=", True)], check_company=True,
    )
    origin = fields.Selection(
        [("dealer", "From the Dealer"), ("customer", "From an End Customer (via the Dealer)")],
        required=True, default="dealer",
    )
    customer_name = fields.Char(string="End Customer")
    customer_phone = fields.Char(string="End Customer Phone")
    category_id = fields.Many2one("dealer.complaint.category", required=True, tracking=True)
    subject_type = fields.Selection(SUBJECT_TYPES, string="Subject", required=True, default="quality", tracking=True)
    product_id = fields.Many2one("product.product", tracking=True, check_company=True)
    product_qty = fields.Float(string="Quantity Concerned", default=1.0, digits="Product Unit of Measure")
    sale_order_id = fields.Many2one(
        "sale.order", string="Sales Order", tracking=True, index="btree_not_null",
        domain="[('partner_id', 'child_of', partner_id), ('state', '=', 'sale')]", check_company=True,
    )
    picking_id = fields.Many2one(
        "stock.picking", string="Delivery", index="btree_not_null",
        domain="[('partner_id', 'child_of', partner_id), ('picking_type_code', '=', 'outgoing')]", check_company=True,
    )
    lot_id = fields.Many2one(
        "stock.lot", string="Lot/Serial Number", domain="[('product_id', '=', product_id)]", check_company=True,
    )
    priority = fields.Selection(PRIORITIES, default="1", tracking=True, index=True)
    date_reported = fields.Datetime(
        string="Reported On", required=True, default=fields.Datetime.now, tracking=True,
        help="When the complaint was received; the SLA deadline counts from here.",
    )
    date_deadline = fields.Datetime(
        string="Deadline", compute="_compute_date_deadline", store=True, index=True,
        help="Reported on + the category's SLA hours.",
    )
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue")
    user_id = fields.Many2one(
        "res.users", string="Assigned To", tracking=True, index=True, domain=[("share", "=", False)],
        compute="_compute_user_id", store=True, readonly=False,
    )
    description = fields.Text(required=True)
    resolution = fields.Html(help="What was done for the dealer; required to resolve the complaint.")
    state = fields.Selection(
        COMPLAINT_STATES, required=True, default="new", copy=False, tracking=True, index=True, group_expand=True,
    )
    reject_reason = fields.Text(string="Rejection Reason", copy=False, tracking=True)
    date_resolved = fields.Datetime(string="Resolved On", copy=False, readonly=True)
    resolution_hours = fields.Float(
        compute="_compute_resolution_hours", store=True, aggregator="avg",
        help="Hours from the report to the resolution.",
    )
    escalated = fields.Boolean(copy=False, readonly=True, help="Escalated once for missing its deadline.")
    attachment_ids = fields.Many2many(
        "ir.attachment", "dealer_complaint_attachment_rel", "complaint_id", "attachment_id", string="Attachments",
    )
    return_picking_ids = fields.Many2many(
        "stock.picking", "dealer_complaint_return_picking_rel", "complaint_id", "picking_id",
        string="Returns", copy=False, readonly=True, check_company=True,
    )
    refund_ids = fields.Many2many(
        "account.move", "dealer_complaint_refund_rel", "complaint_id", "move_id",
        string="Credit Notes", copy=False, readonly=True, check_company=True,
    )
    replacement_order_id = fields.Many2one("sale.order", copy=False, readonly=True, check_company=True)
    return_count = fields.Integer(compute="_compute_resolution_counts")
    refund_count = fields.Integer(compute="_compute_resolution_counts")

    # ------------------------------------------------------------------ computes
    @api.depends("date_reported", "category_id")
    def _compute_date_deadline(self):
        # the SLA in force when the complaint was categorised: later SLA edits do not move old deadlines
        for complaint in self:
            if complaint.date_reported and complaint.category_id:
                complaint.date_deadline = complaint.date_reported + timedelta(hours=complaint.category_id.sla_hours)
            else:
                complaint.date_deadline = False

    @api.depends("date_deadline", "state")
    def _compute_is_overdue(self):
        now = fields.Datetime.now()
        for complaint in self:
            complaint.is_overdue = bool(
                complaint.state in OPEN_STATES and complaint.date_deadline and complaint.date_deadline < now
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Unsupported search on 'Overdue'."))
        domain = ["&", ("state", "in", OPEN_STATES), ("date_deadline", "<", fields.Datetime.now())]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("category_id")
    def _compute_user_id(self):
        for complaint in self:
            complaint.user_id = complaint.user_id or complaint.category_id.user_id

    @api.depends("date_reported", "date_resolved")
    def _compute_resolution_hours(self):
        for complaint in self:
            if complaint.date_resolved and complaint.date_reported:
                delta = complaint.date_resolved - complaint.date_reported
                complaint.resolution_hours = max(delta.total_seconds() / 3600.0, 0.0)
            else:
                complaint.resolution_hours = 0.0

    @api.depends("return_picking_ids", "refund_ids")
    def _compute_resolution_counts(self):
        for complaint in self:
            complaint.return_count = len(complaint.return_picking_ids)
            complaint.refund_count = len(complaint.refund_ids)

    # ------------------------------------------------------------------ constraints
    @api.constrains("partner_id", "sale_order_id", "picking_id")
    def _check_documents_of_dealer(self):
        """The order and delivery a complaint refers to are the dealer's own."""
        for complaint in self.sudo():  # sudo: compares partners only, nothing is returned to the caller
            dealer = complaint.partner_id
            if complaint.sale_order_id and complaint.sale_order_id.partner_id.commercial_partner_id != dealer:
                raise ValidationError(_(
                    "Sales order %(order)s is not an order of %(dealer)s.",
                    order=complaint.sale_order_id.name, dealer=dealer.display_name,
                ))
            if complaint.picking_id and complaint.picking_id.partner_id.commercial_partner_id != dealer:
                raise ValidationError(_(
                    "Delivery %(picking)s was not made to %(dealer)s.",
                    picking=complaint.picking_id.name, dealer=dealer.display_name,
                ))

    @api.constrains("state", "reject_reason")
    def _check_reject_reason(self):
        for complaint in self:
            if complaint.state == "rejected" and not (complaint.reject_reason or "").strip():
                raise ValidationError(_("A rejected complaint needs the reason of the rejection."))

    @api.constrains("product_qty")
    def _check_product_qty(self):
        if self.filtered(lambda complaint: complaint.product_qty < 0):
            raise ValidationError(_("The quantity concerned cannot be negative."))

    # ------------------------------------------------------------------ ORM
    @api.model
    def _dealer_complete_vals(self, vals):
        if vals.get("name", "/") == "/":
            # sudo: the reference is drawn from the complaint sequence, which portal users cannot read
            vals["name"] = self.env["ir.sequence"].sudo().next_by_code("dealer.complaint") or "/"

    # ------------------------------------------------------------------ workflow
    def action_start(self):
        """New → in progress; the current user takes the complaint if nobody has it."""
        self._check_state(("new",), _("Complaint %(name)s cannot be started: it is %(state)s."))
        for complaint in self:
            complaint._dealer_trusted().write({
                "state": "in_progress", "user_id": complaint.user_id.id or self.env.user.id,
            })

    def action_resolve(self):
        """New/in progress → resolved; the resolution note is required."""
        self._check_state(OPEN_STATES, _("Complaint %(name)s cannot be resolved: it is %(state)s."))
        missing = self.filtered(lambda complaint: is_html_empty(complaint.resolution))
        if missing:
            raise UserError(_(
                "Describe the resolution of complaint %(name)s (what was done for the dealer) before resolving it.",
                name=missing[0].name,
            ))
        self._dealer_trusted().write({"state": "resolved", "date_resolved": fields.Datetime.now()})

    def action_close(self):
        """Resolved → closed (the dealer confirmed or the case is settled)."""
        self._check_state(("resolved",), _("Complaint %(name)s cannot be closed: it is %(state)s."))
        self._dealer_trusted().write({"state": "closed"})

    def action_reject(self, reason):
        """New/in progress → rejected, with the reason given to the dealer."""
        self._check_state(OPEN_STATES, _("Complaint %(name)s cannot be rejected: it is %(state)s."))
        if not (reason or "").strip():
            raise UserError(_("Give the reason for rejecting the complaint."))
        self._dealer_trusted().write({"state": "rejected", "reject_reason": reason.strip()})
        for complaint in self:
            complaint.message_post(body=_("Complaint rejected: %(reason)s", reason=reason.strip()))

    def action_reopen(self):
        """Resolved/rejected → in progress again."""
        self._check_state(("resolved", "rejected"), _("Complaint %(name)s cannot be reopened: it is %(state)s."))
        self._dealer_trusted().write({"state": "in_progress", "date_resolved": False, "reject_reason": False})

    def action_open_reject_wizard(self):
        """Ask for the rejection reason."""
        self._check_state(OPEN_STATES, _("Complaint %(name)s cannot be rejected: it is %(state)s."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject Complaint"),
            "res_model": "dealer.complaint.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_complaint_ids": self.ids},
        }

    # ------------------------------------------------------------------ resolution through Odoo documents
    def action_open_return_wizard(self):
        """Open stock's return wizard on the complained delivery; the return is linked back here."""
        self.ensure_one()
        picking = self.picking_id
        if not picking:
            raise UserError(_("Select the delivery the dealer wants to return before creating a return."))
        if picking.state != "done":
            raise UserError(_("Delivery %(picking)s is not done yet: only done deliveries can be returned.",
                              picking=picking.name))
        return {
            "type": "ir.actions.act_window",
            "name": _("Return for %(name)s", name=self.name),
            "res_model": "stock.return.picking",
            "view_mode": "form",
            "target": "new",
            "context": {
                "active_model": "stock.picking", "active_id": picking.id, "active_ids": picking.ids,
                "default_dealer_complaint_id": self.id,
            },
        }

    def _refundable_invoices(self):
        """Posted customer invoices of the complained order (those with the product when one is set)."""
        self.ensure_one()
        invoices = self.sale_order_id.invoice_ids.filtered(
            lambda move: move.move_type == "out_invoice" and move.state == "posted"
        )
        if self.product_id:
            invoices = invoices.filtered(lambda move: self.product_id in move.invoice_line_ids.product_id)
        return invoices

    def action_open_credit_note(self):
        """Open the invoice reversal wizard on the order's posted invoice; the credit note is linked back here."""
        self.ensure_one()
        invoices = self._refundable_invoices()
        if not invoices:
            raise UserError(_(
                "Complaint %(name)s has no posted customer invoice to credit: set the sales order "
                "(its invoice must be posted).", name=self.name,
            ))
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_view_account_move_reversal")
        action["context"] = {
            "active_model": "account.move", "active_ids": invoices.ids,
            "default_dealer_complaint_id": self.id,
            "default_reason": _("Complaint %(name)s", name=self.name),
        }
        return action

    def _prepare_replacement_order_vals(self):
        """A draft order for the dealer with the complained product, on the original order's terms."""
        self.ensure_one()
        order = self.sale_order_id
        ordered = order.order_line.filtered(lambda line: line.product_id == self.product_id)
        quantity = self.product_qty or sum(ordered.mapped("product_uom_qty")) or 1.0
        vals = {
            "partner_id": (order.partner_id or self.partner_id).id,
            "origin": self.name,
            "company_id": self.company_id.id,
            "order_line": [Command.create({"product_id": self.product_id.id, "product_uom_qty": quantity})],
        }
        if order:
            vals.update({
                "partner_invoice_id": order.partner_invoice_id.id,
                "partner_shipping_id": order.partner_shipping_id.id,
                "pricelist_id": order.pricelist_id.id,
                "payment_term_id": order.payment_term_id.id,
                "warehouse_id": order.warehouse_id.id,
            })
        return vals

    def action_create_replacement_order(self):
        """Create (once) a draft replacement order for the complained product and open it."""
        self.ensure_one()
        if self.replacement_order_id:
            raise UserError(_("Complaint %(name)s already has the replacement order %(order)s.",
                              name=self.name, order=self.replacement_order_id.name))
        if not self.product_id:
            raise UserError(_("Set the complained product before creating a replacement order."))
        order = self.env["sale.order"].create(self._prepare_replacement_order_vals())
        self.replacement_order_id = order
        self.message_post(body=_("Replacement order %(order)s created.", order=order._get_html_link()))
        return self.action_view_replacement_order()

    def _link_returns(self, pickings):
        """Record return pickings created for this complaint."""
        self.ensure_one()
        self.return_picking_ids = [Command.link(picking.id) for picking in pickings]
        for picking in pickings:
            self.message_post(body=_("Return %(picking)s created.", picking=picking._get_html_link()))

    def _link_refunds(self, moves):
        """Record credit notes created for this complaint."""
        self.ensure_one()
        self.refund_ids = [Command.link(move.id) for move in moves]
        for move in moves:
            self.message_post(body=_("Credit note %(move)s created.", move=move._get_html_link()))

    def action_view_returns(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("stock.action_picking_tree_all")
        action["domain"] = [("id", "in", self.return_picking_ids.ids)]
        action["context"] = {"create": False}
        return action

    def action_view_refunds(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_refund_type")
        action["domain"] = [("id", "in", self.refund_ids.ids)]
        action["context"] = {"create": False, "default_move_type": "out_refund"}
        return action

    def action_view_replacement_order(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "sale.order",
            "view_mode": "form",
            "res_id": self.replacement_order_id.id,
        }

    # ------------------------------------------------------------------ escalation
    @api.model
    def _cron_escalate_overdue(self):
        """Escalate open complaints past their deadline, once each."""
        self.search([("is_overdue", "=", True), ("escalated", "=", False)])._escalate()

    def _escalate(self):
        """Raise to urgent, give the escalation manager an activity, and say so in the chatter."""
        today = fields.Date.context_today(self)
        for complaint in self:
            complaint.write({"priority": "3", "escalated": True})
            manager = complaint._escalation_user()
            deadline = format_datetime(self.env, complaint.date_deadline)
            if manager:
                complaint.activity_schedule(
                    "mail.mail_activity_data_todo", date_deadline=today, user_id=manager.id,
                    summary=_("Overdue complaint %(name)s", name=complaint.name),
                    note=_("The deadline (%(deadline)s) has passed without resolution.", deadline=deadline),
                )
                body = _("Deadline %(deadline)s passed: complaint escalated to urgent, follow-up by %(user)s.",
                         deadline=deadline, user=manager.name)
            else:
                body = _("Deadline %(deadline)s passed: complaint escalated to urgent.", deadline=deadline)
            complaint.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _escalation_user(self):
        """The assignee's sales team leader, else the category's default assignee, else the assignee."""
        self.ensure_one()
        # sudo: the cron may run as a user without sales rights; only the team leader is read
        leader = self.user_id.sudo().sale_team_id.user_id
        if leader and leader != self.user_id:
            return leader
        return self.category_id.user_id or self.user_id

    # ------------------------------------------------------------------ KPI
    @api.model
    def _dealer_complaint_count(self, dealers, date_from, date_to):
        """{dealer id: complaints reported in the period}, rejected (unfounded) complaints excluded."""
        start, end = dealer_period_bounds(date_from, date_to)
        groups = self._read_group(
            [("partner_id", "in", dealers.ids), ("state", "!=", "rejected"),
             ("date_reported", ">=", start), ("date_reported", "<", end)],
            ["partner_id"], ["__count"],
        )
        result = dict.fromkeys(dealers.ids, 0)
        result.update({partner.id: count for partner, count in groups})
        return result

    @api.model
    def _dealer_complaint_resolution_hours(self, dealers, date_from, date_to):
        """{dealer id: average hours to resolve the complaints resolved in the period}; dealers without any left out."""
        start, end = dealer_period_bounds(date_from, date_to)
        groups = self._read_group(
            [("partner_id", "in", dealers.ids), ("date_resolved", ">=", start), ("date_resolved", "<", end)],
            ["partner_id"], ["resolution_hours:avg"],
        )
        return {partner.id: hours for partner, hours in groups}
