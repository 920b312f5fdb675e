from collections import defaultdict

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from .dealer_unique_mixin import lock_rows

DEALER_STATES = [
    ("prospect", "Prospect"),
    ("applicant", "Applicant"),
    ("active", "Active"),
    ("suspended", "Suspended"),
    ("terminated", "Terminated"),
]

# commercial terms a dealer gets from its grade (see _dealer_apply_grade_policy)
GRADE_TERM_FIELDS = ("property_product_pricelist", "property_payment_term_id", "credit_limit")

# allowed lifecycle transitions: target state -> states it may be reached from
DEALER_TRANSITIONS = {
    "applicant": ("prospect",),
    "active": ("prospect", "applicant"),
    "suspended": ("active",),
    "terminated": ("prospect", "applicant", "active", "suspended"),
}


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "dealer.workflow.mixin", "dealer.partner.statement.mixin"]

    # Policy fields: written only by the dealer actions and wizards (``_dealer_trusted()``) or as superuser.
    _dealer_protected_fields = (
        "is_dealer", "dealer_state", "dealer_grade_id", "dealer_territory_ids", "dealer_code", "dealer_since",
        "dealer_end_date", "parent_dealer_id",
    )

    is_dealer = fields.Boolean(string="Is a Dealer", tracking=True, index=True, readonly=True, copy=False)
    dealer_code = fields.Char(copy=False, readonly=True, index=True, tracking=True)
    dealer_state = fields.Selection(
        DEALER_STATES, string="Dealer Status", copy=False, tracking=True, index=True, readonly=True,
    )
    dealer_grade_id = fields.Many2one(
        "dealer.grade", tracking=True, index=True, ondelete="restrict", readonly=True,
        copy=False,
    )
    dealer_territory_ids = fields.Many2many(
        "dealer.territory", "dealer_partner_territory_rel", "partner_id", "territory_id", string="Territories",
        readonly=True, copy=False,
    )
    parent_dealer_id = fields.Many2one(
        "res.partner", string="Parent Distributor", index=True, tracking=True, readonly=True, copy=False,
        domain="[('is_dealer', '=', True), ('id', '!=', id)]",
        help="The distributor this sub-dealer buys from (multi-tier channel).",
    )
    child_dealer_ids = fields.One2many("res.partner", "parent_dealer_id", string="Sub-dealers")
    dealer_grade_history_ids = fields.One2many("dealer.grade.history", "partner_id", string="Grade History")
    dealer_since = fields.Date(copy=False, tracking=True, readonly=True)
    dealer_end_date = fields.Date(string="Dealer Until", copy=False, tracking=True, readonly=True)
    dealer_application_ids = fields.One2many("dealer.application", "partner_id", string="Applications")
    dealer_termination_ids = fields.One2many("dealer.termination", "partner_id", string="Terminations")
    dealer_sale_order_count = fields.Integer(compute="_compute_dealer_counts", string="Dealer Orders")
    dealer_invoice_count = fields.Integer(compute="_compute_dealer_counts", string="Dealer Invoices")
    dealer_sub_dealer_count = fields.Integer(compute="_compute_dealer_counts", string="Sub-dealer Count")
    dealer_contract_ids = fields.One2many("dealer.contract", "partner_id", string="Dealer Contracts")
    dealer_contract_count = fields.Integer(compute="_compute_dealer_contract_count", string="Contracts")
    dealer_credit_limit = fields.Monetary(
        compute="_compute_dealer_credit", currency_field="currency_id",
        groups="dealer_management.group_dealer_user",
        help="The active contract's credit limit, else the dealer's own (from its grade); 0 means no limit.",
    )
    dealer_credit_available = fields.Monetary(
        string="Credit Available", compute="_compute_dealer_credit", currency_field="currency_id",
        groups="dealer_management.group_dealer_user",
        help="Credit limit minus open receivable and confirmed orders not yet invoiced, in the current company: "
             "what the order credit check leaves for new orders.",
    )

    _sql_constraints = [
        ("dealer_code_uniq", "unique(dealer_code)", "The dealer code must be unique."),
    ]

    # ------------------------------------------------------------------ computes
    def _compute_dealer_counts(self):
        dealers = self.filtered("is_dealer")
        orders = invoices = subs = {}
        if dealers.ids:
            orders = dict(self.env["sale.order"]._read_group(
                [("partner_id.commercial_partner_id", "in", dealers.ids), ("state", "=", "sale")],
                ["partner_id"], ["__count"],
            ))
            orders = self._sum_by_commercial(orders)
            invoices = dict(self.env["account.move"]._read_group(
                [("commercial_partner_id", "in", dealers.ids),
                 ("move_type", "in", ("out_invoice", "out_refund")), ("state", "=", "posted")],
                ["commercial_partner_id"], ["__count"],
            ))
            subs = dict(self._read_group([("parent_dealer_id", "in", dealers.ids)], ["parent_dealer_id"], ["__count"]))
        for partner in self:
            partner.dealer_sale_order_count = orders.get(partner, 0)
            partner.dealer_invoice_count = invoices.get(partner, 0)
            partner.dealer_sub_dealer_count = subs.get(partner, 0)

    def _compute_dealer_contract_count(self):
        counts = {}
        dealers = self.filtered("is_dealer")
        if dealers.ids:
            counts = dict(self.env["dealer.contract"]._read_group(
                [("partner_id", "in", dealers.ids), ("state", "!=", "superseded")], ["partner_id"], ["__count"],
            ))
        for partner in self:
            partner.dealer_contract_count = counts.get(partner, 0)

    @staticmethod
    def _sum_by_commercial(counts):
        result = {}
        for partner, count in counts.items():
            commercial = partner.commercial_partner_id
            result[commercial] = result.get(commercial, 0) + count
        return result

    # ------------------------------------------------------------------ constraints
    @api.constrains("parent_dealer_id")
    def _check_parent_dealer(self):
        for partner in self.filtered("parent_dealer_id"):
            seen = partner
            parent = partner.parent_dealer_id
            while parent:
                if parent in seen:
                    raise ValidationError(_("A dealer cannot be its own (indirect) parent distributor."))
                seen |= parent
                parent = parent.parent_dealer_id
            if not partner.parent_dealer_id.is_dealer:
                raise ValidationError(
                    _("The parent distributor of %(dealer)s must itself be a dealer.", dealer=partner.display_name)
                )

    @api.constrains("dealer_territory_ids", "dealer_state")
    def _check_exclusive_territories(self):
        """An exclusive territory is held by at most one active dealer."""
        active = self.filtered(lambda p: p.is_dealer and p.dealer_state == "active")
        # two dealers given one exclusive territory at the same moment: the second is retried after the first
        lock_rows(active.dealer_territory_ids.filtered("is_exclusive"))
        for partner in active:
            for territory in partner.dealer_territory_ids.filtered("is_exclusive"):
                holders = territory.dealer_ids.filtered(lambda p: p.dealer_state == "active") - partner
                if holders:
                    raise ValidationError(_(
                        "Territory %(territory)s is exclusive and already held by the active dealer "
                        "%(holder)s (%(code)s). Release it from that dealer first, or make the territory "
                        "non-exclusive.",
                        territory=territory.complete_name, holder=holders[0].name, code=holders[0].dealer_code or "",
                    ))

    # ------------------------------------------------------------------ protected fields
    def _dealer_check_protected(self, fnames):
        """Not by field names: ``create``/``write`` below compare values (core code passes these unchanged)."""

    def _dealer_protected_changes(self, vals):
        """Protected fields that ``vals`` really changes on these partners (all of them with ``vals`` a create's)."""
        changed = []
        for fname in self._dealer_protected_fields:
            if fname not in vals:
                continue
            field = self._fields[fname]
            records = self or [self.browse()]
            if any(record._dealer_value_differs(field, vals[fname]) for record in records):
                changed.append(fname)
        return changed

    def _dealer_value_differs(self, field, value):
        """True when writing ``value`` to ``field`` changes this partner (an empty record: a non-empty value)."""
        current = self[field.name]
        if field.type == "many2many":
            old = set(current.ids)
            new = set(old)
            for command in value or ():
                if not isinstance(command, (list, tuple)):
                    new.add(command)
                elif command[0] == Command.LINK:
                    new.add(command[1])
                elif command[0] in (Command.UNLINK, Command.DELETE):
                    new.discard(command[1])
                elif command[0] == Command.CLEAR:
                    new.clear()
                elif command[0] == Command.SET:
                    new = set(command[2])
                else:  # create/update a territory from a partner: always a change
                    return True
            return new != old
        new = field.convert_to_cache(value, self, validate=False)
        old = field.convert_to_cache(current, self, validate=False)
        return (new or False) != (old or False)

    def _dealer_refuse_protected(self, fnames, name):
        """Refuse to set the protected dealer fields ``fnames`` of partner ``name`` outside the dealer actions."""
        labels = ", ".join(self._fields[fname].get_description(self.env)["string"] for fname in fnames)
        raise AccessError(_(
            "%(fields)s of %(partner)s change only through the dealer buttons and wizards (register, activate, "
            "suspend, change grade, assign territories), not by editing the contact. Ask a Dealer Manager.",
            fields=labels, partner=name or _("a new contact"),
        ))

    def _dealer_check_grade_terms(self, vals):
        """A dealer's pricelist, payment terms and credit limit come from its grade: a Dealer Manager's to change."""
        fnames = [fname for fname in GRADE_TERM_FIELDS if fname in vals]
        dealers = self.filtered("is_dealer")
        if not fnames or not dealers or self._is_dealer_manager():
            return
        for dealer in dealers:
            changed = [fname for fname in fnames if dealer._dealer_value_differs(self._fields[fname], vals[fname])]
            if changed:
                raise AccessError(_(
                    "Only a Dealer Manager may change the %(fields)s of dealer %(dealer)s: they come from its grade.",
                    fields=", ".join(self._fields[f].get_description(self.env)["string"] for f in changed),
                    dealer=dealer.display_name,
                ))

    def _dealer_may_register_prospect(self, vals, changed):
        """A Dealer Manager may create a contact as a prospect dealer: nothing else of the dealer is set."""
        return (
            changed == ["is_dealer"] or set(changed) == {"is_dealer", "dealer_state"}
            and vals.get("dealer_state", self.env.context.get("default_dealer_state")) == "prospect"
        ) and self._is_dealer_manager()

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        defaults = {
            fname: self.env.context[f"default_{fname}"] for fname in self._dealer_protected_fields
            if f"default_{fname}" in self.env.context
        }
        for vals in vals_list:
            if vals.get("parent_id"):
                # a contact person is never a dealer: the Dealers menu's default_is_dealer is not meant for it
                vals.update({fname: False for fname in defaults if fname not in vals})
        if not self._dealer_is_trusted():
            for vals in vals_list:
                changed = self._dealer_protected_changes(dict(defaults, **vals))
                if changed and not self._dealer_may_register_prospect(dict(defaults, **vals), changed):
                    self._dealer_refuse_protected(changed, vals.get("name"))
        for vals in vals_list:
            if vals.get("is_dealer", defaults.get("is_dealer")):
                vals.setdefault("dealer_state", "prospect")
                if not vals.get("dealer_code"):
                    vals["dealer_code"] = self.env["ir.sequence"].next_by_code("dealer.code")
        partners = super().create(vals_list)
        graded = partners.filtered(lambda p: p.is_dealer and p.dealer_grade_id)
        graded._dealer_record_grade_changes(dict.fromkeys(graded.ids, self.env["dealer.grade"]))
        return partners

    def write(self, vals):
        if not self._dealer_is_trusted():
            changed = self._dealer_protected_changes(vals)
            if changed:
                self._dealer_refuse_protected(changed, self[:1].display_name)
            self._dealer_check_grade_terms(vals)
        old_grades = self._dealer_grade_changes(vals) if "dealer_grade_id" in vals else {}
        res = super().write(vals)
        if vals.get("is_dealer"):
            self._dealer_ensure_code()
        changed = self.browse([partner.id for partner in old_grades]).filtered("is_dealer")
        changed._dealer_record_grade_changes({partner.id: grade for partner, grade in old_grades.items()})
        return res

    def _dealer_grade_changes(self, vals):
        """{partner: old grade} of the partners whose grade `vals` changes, after checking the right to do so."""
        new_grade = self.env["dealer.grade"].browse(vals["dealer_grade_id"])
        changed = self.filtered(lambda p: p.dealer_grade_id != new_grade)
        if changed.filtered("is_dealer") and not self._dealer_is_manager():
            raise AccessError(_("Only a Dealer Manager may change a dealer's grade."))
        return {partner: partner.dealer_grade_id for partner in changed}

    def _dealer_ensure_code(self):
        trusted = self._dealer_trusted()
        for partner in trusted.filtered(lambda p: p.is_dealer and not p.dealer_code):
            partner.dealer_code = self.env["ir.sequence"].next_by_code("dealer.code")
        trusted.filtered(lambda p: p.is_dealer and not p.dealer_state).dealer_state = "prospect"

    def _dealer_is_manager(self):
        return self._is_dealer_manager()

    def _dealer_record_grade_changes(self, old_grades):
        """Write the grade history line of each of these partners (from ``old_grades[partner id]`` to its grade now)
        in one batch, and apply the new grades' default commercial policy."""
        if not self:
            return
        reason = self.env.context.get("dealer_grade_change_reason") or _("Grade set")
        self.env["dealer.grade.history"].sudo().create([{  # sudo: history is append-only, rights checked above
            "partner_id": partner.id,
            "old_grade_id": old_grades[partner.id].id,
            "new_grade_id": partner.dealer_grade_id.id,
            "reason": reason,
        } for partner in self])
        self._dealer_apply_grade_policy()

    def _dealer_assign_territories(self, territories, parent, reason):
        """Give this dealer ``territories`` and ``parent`` (for trusted callers: the territory wizard, the go-live
        import); the chatter keeps who, what and why. UserError when nothing changes or a territory belongs to
        another company than the dealer's; the exclusivity and parent constraints apply."""
        self.ensure_one()
        if territories == self.dealer_territory_ids and parent == self.parent_dealer_id:
            raise UserError(_("Nothing changes: choose other territories or another parent distributor."))
        self._dealer_assign_territories_batch({self: (territories, parent)}, reason)

    @api.model
    def _dealer_assign_territories_batch(self, assignments, reason):
        """``_dealer_assign_territories`` of many dealers at once (``assignments``: {dealer: (territories,
        parent)}; the dealers whose territories and parent do not change are left out): one write per distinct
        assignment and the chatter notes in one batch."""
        changes = {}
        for dealer, (territories, parent) in assignments.items():
            foreign = territories.filtered(
                lambda t, dealer=dealer: dealer.company_id and t.company_id and t.company_id != dealer.company_id
            )
            if foreign:
                raise UserError(_(
                    "Territory %(territory)s belongs to %(company)s, dealer %(name)s to %(dealer_company)s: choose "
                    "territories of the dealer's company.",
                    territory=foreign[0].complete_name, company=foreign[0].company_id.name, name=dealer.display_name,
                    dealer_company=dealer.company_id.name,
                ))
            added = territories - dealer.dealer_territory_ids
            removed = dealer.dealer_territory_ids - territories
            if added or removed or dealer.parent_dealer_id != parent:
                changes[dealer] = (territories, parent, added, removed, dealer.parent_dealer_id)
        groups = defaultdict(lambda: self.browse())
        for dealer, (territories, parent, *_changes) in changes.items():
            groups[tuple(territories.ids), parent.id] |= dealer
        for (territory_ids, parent_id), dealers in groups.items():
            dealers._dealer_trusted().write({
                "dealer_territory_ids": [Command.set(territory_ids)], "parent_dealer_id": parent_id,
            })
        bodies = {}
        for dealer, (_territories, parent, added, removed, old_parent) in changes.items():
            lines = []
            if added:
                lines.append(_("Territories added: %(territories)s",
                               territories=", ".join(added.mapped("complete_name"))))
            if removed:
                lines.append(_(
                    "Territories removed: %(territories)s", territories=", ".join(removed.mapped("complete_name")),
                ))
            if old_parent != parent:
                lines.append(_(
                    "Parent distributor: %(old)s → %(new)s",
                    old=old_parent.display_name or _("none"), new=parent.display_name or _("none"),
                ))
            bodies[dealer.id] = Markup("<p>%s</p><ul>%s</ul>") % (
                _("Territories assigned by %(user)s. Reason: %(reason)s", user=self.env.user.name, reason=reason),
                Markup().join(Markup("<li>%s</li>") % line for line in lines),
            )
        if bodies:
            # a note in each dealer's chatter, as message_post writes it, without a notification per dealer
            self.browse(list(bodies))._message_log_batch(bodies)

    def _dealer_policy_company(self):
        """The company whose pricelist, payment terms and credit limit the grade sets on this dealer.

        The dealer's own company; for a dealer shared by all companies, the grade's company, else the
        company of the grade's pricelist, else the current company (never a company the grade cannot serve).
        """
        self.ensure_one()
        grade = self.dealer_grade_id
        return self.company_id or grade.company_id or grade.pricelist_id.company_id or self.env.company

    def _dealer_apply_grade_policy(self):
        """Give the dealer its grade's pricelist, payment terms and credit limit, in the dealer's company."""
        for partner in self.filtered("dealer_grade_id"):
            grade = partner.dealer_grade_id
            dealer = partner.with_company(partner._dealer_policy_company())
            vals = {}
            if grade.pricelist_id:
                vals["property_product_pricelist"] = grade.pricelist_id.id
            if grade.payment_term_id:
                vals["property_payment_term_id"] = grade.payment_term_id.id
            if grade.credit_limit:
                vals["credit_limit"] = grade.credit_limit
            if vals:
                # sudo: credit_limit is an accounting field; the right to set the grade was checked by the caller
                dealer.sudo()._dealer_trusted().write(vals)

    # ------------------------------------------------------------------ credit and receivable
    def _compute_dealer_credit(self):
        company = self.env.company
        for partner in self:
            figures = partner._dealer_credit_figures(company) if partner.is_dealer and partner.id else {}
            partner.dealer_credit_limit = figures.get("limit", 0.0)
            partner.dealer_credit_available = figures.get("available", 0.0)

    def _dealer_credit_figures(self, company, contract=None):
        """{limit, used, available, receivable} of this dealer in ``company``, in the company's currency.

        The order credit check's own figures (used = open receivable + confirmed orders not yet invoiced), asked
        through an unsaved order of the dealer: no order is created. Available is 0.0 when there is no limit.
        """
        self.ensure_one()
        receivable = self._dealer_open_receivable(company).get((self.id, company.id), (0.0, None))[0]
        # sudo: an unsaved order only carries the dealer and company to the check's figures; nothing is written
        order = self.env["sale.order"].sudo().new({"partner_id": self.id, "company_id": company.id})
        uninvoiced = order._dealer_uninvoiced_amounts(self, company)[0]
        limit = order._dealer_credit_limit(contract)
        used = company.currency_id.round(receivable + uninvoiced)
        return {
            "limit": limit,
            "used": used,
            "available": limit - used if limit else 0.0,
            "receivable": receivable,
        }

    def _dealer_open_receivable(self, companies, overdue_before=None):
        """{(commercial partner id, company id): (open receivable, oldest due date before ``overdue_before``)}.

        The one definition of a dealer's open receivable, used by the order credit check and by the
        termination's open-business check: posted, unreconciled receivable journal items of the partners'
        commercial entities (any of their contacts), in company currency. The oldest due date counts customer
        invoices with an amount still due whose due date is before ``overdue_before`` (None when not asked or
        when there is none). One query for any number of partners and companies; it reads the accounting
        directly, as the figures must not depend on the caller's access to journal items.
        """
        dealers = self.commercial_partner_id
        if not dealers or not companies:
            return {}
        self.env["account.move.line"].flush_model([
            "account_id", "amount_residual", "company_id", "date_maturity", "move_id", "parent_state",
            "partner_id", "reconciled",
        ])
        self.env["account.move"].flush_model(["move_type"])
        self.env["account.account"].flush_model(["account_type"])
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        self.env.cr.execute(SQL(
            """
            SELECT partner.commercial_partner_id, line.company_id,
                   COALESCE(SUM(line.amount_residual), 0.0),
                   MIN(line.date_maturity) FILTER (
                       WHERE move.move_type = 'out_invoice'
                         AND line.amount_residual > 0
                         AND line.date_maturity < %(overdue_before)s)
              FROM account_move_line line
              JOIN res_partner partner ON partner.id = line.partner_id
              JOIN account_account account ON account.id = line.account_id
              JOIN account_move move ON move.id = line.move_id
             WHERE partner.commercial_partner_id IN %(partners)s
               AND line.company_id IN %(companies)s
               AND line.parent_state = 'posted'
               AND line.reconciled IS NOT TRUE
               AND account.account_type = 'asset_receivable'
             GROUP BY partner.commercial_partner_id, line.company_id
            """,
            partners=tuple(dealers.ids), companies=tuple(companies.ids), overdue_before=overdue_before,
        ))
        return {
            (partner_id, company_id): (amount, oldest)
            for partner_id, company_id, amount, oldest in self.env.cr.fetchall()
        }

    # ------------------------------------------------------------------ lifecycle
    def _dealer_set_state(self, target):
        """Move dealers to `target`, refusing transitions the lifecycle does not allow (for trusted callers)."""
        allowed = DEALER_TRANSITIONS[target]
        for partner in self:
            if not partner.is_dealer:
                raise UserError(_("%(name)s is not a dealer.", name=partner.display_name))
            if partner.dealer_state not in allowed:
                raise UserError(_(
                    "Dealer %(name)s cannot become %(target)s from status %(state)s.",
                    name=partner.display_name, target=partner._selection_label("dealer_state", target),
                    state=partner._selection_label("dealer_state") or _("none"),
                ))
        vals = {"dealer_state": target}
        if target == "active":
            vals["dealer_end_date"] = False
        trusted = self._dealer_trusted()
        trusted.write(vals)
        if target == "active":
            trusted.filtered(lambda p: not p.dealer_since).write({"dealer_since": fields.Date.context_today(self)})
        self._check_exclusive_territories()

    def action_dealer_register(self):
        """Make these contacts prospect dealers (Dealer Manager only); the dealer code is given now."""
        self._check_dealer_manager(_("Only a Dealer Manager may register a contact as a dealer."))
        for partner in self:
            if partner.is_dealer:
                raise UserError(_("%(name)s already is a dealer.", name=partner.display_name))
            if partner.parent_id:
                raise UserError(_(
                    "%(name)s is a contact person of %(company)s: register the company as the dealer instead.",
                    name=partner.display_name, company=partner.commercial_partner_id.display_name,
                ))
        self._dealer_trusted().write({"is_dealer": True, "dealer_state": "prospect"})
        for partner in self:
            partner.message_post(body=_("Registered as a prospect dealer by %(user)s.", user=self.env.user.name))
        return True

    def action_dealer_make_applicant(self):
        """Prospect → applicant."""
        self._dealer_set_state("applicant")

    def action_dealer_activate(self):
        """Prospect/applicant → active (normally through an approved application)."""
        self._check_dealer_manager(_("Only a Dealer Manager may activate a dealer."))
        self._dealer_set_state("active")

    def action_dealer_suspend(self):
        """Active → suspended."""
        self._check_dealer_manager(_("Only a Dealer Manager may suspend a dealer."))
        self._dealer_set_state("suspended")

    def action_dealer_reactivate(self):
        """Suspended/terminated → active; a Dealer Manager's decision only."""
        self._check_dealer_manager(_("Only a Dealer Manager may reactivate a dealer."))
        for partner in self:
            if partner.dealer_state not in ("suspended", "terminated"):
                raise UserError(_("Only a suspended or terminated dealer can be reactivated."))
        self._dealer_trusted().write({"dealer_state": "active", "dealer_end_date": False})
        self._check_exclusive_territories()
        for partner in self:
            partner.message_post(body=_("Dealer reactivated by %(user)s.", user=self.env.user.name))

    def action_dealer_terminate(self):
        """Open a termination request for this dealer."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "dealer.termination",
            "view_mode": "form",
            "target": "current",
            "context": {"default_partner_id": self.id},
        }

    def action_dealer_change_grade(self):
        """Open the grade change wizard (reason required)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "dealer.grade.change.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    def action_dealer_assign_territories(self):
        """Open the territory assignment wizard (territories and parent distributor, reason required)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "dealer.territory.assign.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    # ------------------------------------------------------------------ smart buttons
    def action_view_dealer_orders(self):
        """The dealer's orders and its contacts' (confirmed ones first: the count), quotations one filter away."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_management.action_dealer_sale_order")
        action["domain"] = [("partner_id", "child_of", self.id)]
        action["context"] = {"default_partner_id": self.id, "search_default_sales": 1}
        return action

    def action_view_dealer_invoices(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("account.action_move_out_invoice_type")
        action["domain"] = [("commercial_partner_id", "=", self.id),
                            ("move_type", "in", ("out_invoice", "out_refund"))]
        action["context"] = {"default_move_type": "out_invoice", "default_partner_id": self.id}
        return action

    def action_view_sub_dealers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_management.action_dealer_partner")
        action["domain"] = [("parent_dealer_id", "=", self.id)]
        action["context"] = {"default_is_dealer": True, "default_is_company": True}
        return action

    def action_view_dealer_contracts(self):
        """Open the dealer's contracts (current versions)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("dealer_management.action_dealer_contract")
        action["domain"] = [("partner_id", "=", self.id)]
        action["context"] = {"default_partner_id": self.id, "search_default_filter_current": 1}
        return action
