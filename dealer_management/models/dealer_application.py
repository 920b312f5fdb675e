from dateutil.relativedelta import relativedelta
from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import plaintext2html

APPLICATION_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("review", "Under Review"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]
# an application in these states is still being decided: a second one for the same credit code is refused
OPEN_STATES = ("draft", "submitted", "review")


def normalize_credit_code(code):
    """Upper-case, without spaces or dashes: the form in which credit codes are stored and compared."""
    return uscc.compact(code) if code else code


class DealerApplication(models.Model):
    """Onboarding application of a would-be dealer: selection, evaluation, qualification check, approval."""

    _name = "dealer.application"
    _description = "Dealer Application"
    _inherit = ["mail.thread", "mail.activity.mixin", "dealer.workflow.mixin", "dealer.unique.mixin"]
    _order = "id desc"
    _rec_names_search = ["name", "company_name", "credit_code"]
    _check_company_auto = True
    # written by the workflow actions only; the score is computed from the evaluation lines; the consent is
    # recorded by the public application form
    _dealer_protected_fields = ("state", "reject_reason", "score", "privacy_consent_date")
    # one submitted or reviewed application per credit code (see _check_no_blocking_duplicate)
    _dealer_unique_indexes = {
        "open_code_uniq": (("credit_code", "state"), "credit_code", "state IN ('submitted', 'review')", None),
    }
    _sql_constraints = [(
        "open_code_uniq", "",
        "Another application for the same credit code is already being decided: continue with that application "
        "or reject it first.",
    )]

    name = fields.Char(string="Reference", default="/", copy=False, readonly=True, index="trigram")
    state = fields.Selection(
        APPLICATION_STATES, string="Status", default="draft", required=True, copy=False, readonly=True,
        tracking=True, index=True, group_expand=True,
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users", string="Reviewer", default=lambda self: self.env.user, tracking=True,
        domain="[('share', '=', False)]",
    )
    partner_id = fields.Many2one(
        "res.partner", string="Dealer", copy=False, tracking=True, index=True, check_company=True,
        domain="[('parent_id', '=', False), ('vat', '!=', False)]",
        help="The dealer created or activated on approval, or the prospect this application is for: a company "
             "whose tax id is the application's credit code.",
    )
    # applicant company
    company_name = fields.Char(string="Legal Name", required=True, tracking=True)
    credit_code = fields.Char(
        string="Unified Social Credit Code", required=True, tracking=True, index=True,
        help="统一社会信用代码: 18 characters, printed on the business licence (GB 32100-2015).",
    )
    legal_representative = fields.Char(tracking=True)
    registered_capital = fields.Monetary(currency_field="currency_id")
    years_in_business = fields.Integer()
    outlet_count = fields.Integer(string="Outlets")
    sales_network = fields.Text(help="Sales channels, outlets and customers the applicant already reaches.")
    staff_count = fields.Integer(string="Staff")
    warehouse_area = fields.Float(string="Warehouse Area (m²)")
    annual_turnover = fields.Monetary(currency_field="currency_id")
    privacy_consent_date = fields.Datetime(
        string="Personal Data Consent", readonly=True, copy=False,
        help="When the applicant agreed, on the public application form, to the processing of the personal data it "
             "gave (个人信息处理同意). Empty for an application entered in the back office.",
    )
    street = fields.Char()
    city = fields.Char()
    state_id = fields.Many2one("res.country.state", string="Province", domain="[('country_id', '=?', country_id)]")
    country_id = fields.Many2one("res.country", default=lambda self: self.env.ref("base.cn", raise_if_not_found=False))
    contact_name = fields.Char(string="Contact Person")
    phone = fields.Char()
    email = fields.Char()
    # proposal
    proposed_grade_id = fields.Many2one("dealer.grade", tracking=True, check_company=True)
    proposed_territory_ids = fields.Many2many(
        "dealer.territory", "dealer_application_territory_rel", "application_id", "territory_id",
        string="Proposed Territories", check_company=True,
    )
    parent_dealer_id = fields.Many2one(
        "res.partner", string="Parent Distributor", tracking=True, domain="[('is_dealer', '=', True)]",
        check_company=True,
        help="Set when the applicant becomes a sub-dealer of this distributor.",
    )
    # qualification and evaluation
    document_ids = fields.One2many("dealer.application.document", "application_id", string="Documents")
    missing_document_ids = fields.Many2many(
        "dealer.application.document", string="Missing Documents", compute="_compute_missing_document_ids",
    )
    criterion_ids = fields.One2many(
        "dealer.application.criterion", "application_id", string="Evaluation",
        default=lambda self: self._default_criterion_ids(),
    )
    score = fields.Float(
        compute="_compute_score", store=True, digits=(5, 2),
        help="Weighted average of the criterion scores: Σ(weight × score) / Σ(weight).",
    )
    duplicate_warning = fields.Text(compute="_compute_duplicate_warning")
    reject_reason = fields.Text(string="Rejection Reason", readonly=True, copy=False)
    # the step after the approval: the new dealer's first contract, without which its orders are refused
    dealer_contract_id = fields.Many2one(
        "dealer.contract", string="Contract", compute="_compute_dealer_contract_id",
        groups="dealer_management.group_dealer_user",
        help="The approved dealer's current contract (active, else draft) in the application's company.",
    )

    # ------------------------------------------------------------------ defaults & computes
    @api.model
    def _default_criterion_ids(self):
        criteria = self.env["dealer.criterion"].search([])
        return [Command.create({"criterion_id": criterion.id}) for criterion in criteria]

    @api.depends("document_ids.required", "document_ids.is_provided")
    def _compute_missing_document_ids(self):
        for application in self:
            application.missing_document_ids = application.document_ids.filtered(
                lambda line: line.required and not line.is_provided
            )

    @api.depends("criterion_ids.weight", "criterion_ids.score")
    def _compute_score(self):
        for application in self:
            lines = application.criterion_ids
            total_weight = sum(lines.mapped("weight"))
            weighted = sum(line.weight * line.score for line in lines)
            application.score = weighted / total_weight if total_weight else 0.0

    @api.depends("credit_code", "company_name", "partner_id")
    def _compute_duplicate_warning(self):
        for application in self:
            applications, partners = application._find_duplicates()
            messages = []
            if applications:
                labels = ", ".join(f"{app.name} ({app.company_name}, {app._state_label()})" for app in applications)
                messages.append(_(
                    "Other applications with the same credit code or legal name: %(list)s", list=labels,
                ))
            if partners:
                messages.append(_(
                    "Partners with the same credit code or legal name: %(list)s",
                    list=", ".join(application._partner_label(partner) for partner in partners),
                ))
            application.duplicate_warning = "\n".join(messages) or False

    def _partner_label(self, partner):
        label = partner.display_name
        if partner.is_dealer:
            label += f" [{partner.dealer_code or ''} {partner._selection_label('dealer_state')}]"
        return label

    @api.depends("state", "partner_id", "company_id")
    def _compute_dealer_contract_id(self):
        approved = self.filtered(lambda a: a.state == "approved" and a.partner_id)
        contracts = self.env["dealer.contract"]
        if approved:
            contracts = contracts.search([
                ("partner_id", "in", approved.partner_id.ids), ("company_id", "in", approved.company_id.ids),
                ("state", "in", ("draft", "active")),
            ], order="date_start desc, id desc")
        for application in self:
            candidates = contracts.filtered(
                lambda c, a=application: a in approved and c.partner_id == a.partner_id and c.company_id == a.company_id
            )
            # an active contract is the one that lets the dealer order; a draft one is the next best
            application.dealer_contract_id = candidates.filtered(lambda c: c.state == "active")[:1] or candidates[:1]

    # ------------------------------------------------------------------ duplicates
    def _find_duplicates(self):
        """Other non-rejected applications and partners with the same credit code or legal name."""
        self.ensure_one()
        code = normalize_credit_code(self.credit_code)
        name = (self.company_name or "").strip()
        Application = self.env["dealer.application"]
        if not code and not name:
            return Application, self.env["res.partner"]
        domain = [("credit_code", "=", code)] if code else []
        if name:
            domain = ["|", *domain, ("company_name", "=ilike", name)] if domain else [("company_name", "=ilike", name)]
        applications = Application.search(
            [("state", "!=", "rejected"), ("id", "not in", self._origin.ids), *domain]
        )
        partners = self._partners_with_code(code)
        if name:
            partners |= self.env["res.partner"].search([("is_company", "=", True), ("name", "=ilike", name)])
        return applications, partners - self.partner_id._origin

    @api.model
    def _partners_with_code(self, code):
        """Commercial partners whose tax id is this credit code (compared normalised)."""
        if not code:
            return self.env["res.partner"]
        partners = self.env["res.partner"].search([("vat", "ilike", code), ("parent_id", "=", False)])
        return partners.filtered(lambda p: normalize_credit_code(p.vat) == code)

    def _open_applications(self, code):
        """The open applications (draft, submitted, under review) with this credit code, other than this one."""
        return self.search([("credit_code", "=", code), ("state", "in", OPEN_STATES), ("id", "not in", self.ids)])

    def _check_no_blocking_duplicate(self):
        """Refuse when the applicant already is an active/suspended dealer or has another open application."""
        self.ensure_one()
        code = normalize_credit_code(self.credit_code)
        dealers = (self._partners_with_code(code) | self.partner_id).filtered(
            lambda p: p.is_dealer and p.dealer_state in ("active", "suspended")
        )
        if dealers:
            raise UserError(_(
                "%(company)s (credit code %(code)s) already is the dealer %(dealer)s [%(dealer_code)s]. "
                "Update that dealer instead of applying again.",
                company=self.company_name, code=code, dealer=dealers[0].display_name,
                dealer_code=dealers[0].dealer_code or "",
            ))
        # approved applications are covered by their dealer above (a terminated dealer may apply again)
        others = self._open_applications(code)
        if others:
            raise UserError(_(
                "Application %(other)s for the same credit code %(code)s is already open (%(state)s). "
                "Continue with that application or reject it first.",
                other=others[0].name, code=code, state=others[0]._state_label(),
            ))

    # ------------------------------------------------------------------ constraints
    @api.constrains("credit_code")
    def _check_credit_code(self):
        for application in self:
            problem = self._credit_code_problem(application.credit_code)
            if not problem:
                continue
            raise ValidationError(_(
                "The unified social credit code %(code)s of %(company)s is not valid: %(problem)s. "
                "Please check the code on the business licence.",
                code=application.credit_code, company=application.company_name, problem=problem,
            ))

    @api.model
    def _credit_code_problem(self, code):
        """What is wrong with this 统一社会信用代码 (GB 32100-2015), in the user's language, or None when it is valid
        (the one check of the application, the public form and the go-live import)."""
        try:
            uscc.validate(code or "")
        except InvalidLength:
            return _("it must have 18 characters")
        except InvalidChecksum:
            return _("its last character does not match the GB 32100-2015 check character")
        except InvalidFormat:
            return _("it may only contain digits and upper-case letters (no I, O, S, V, Z)")
        return None

    @api.constrains("partner_id", "credit_code", "company_id")
    def _check_partner_matches(self):
        """Before approval, the linked partner is the applicant itself: a company with the same credit code."""
        for application in self.filtered(lambda app: app.partner_id and app.state != "approved"):
            partner = application.partner_id
            if partner.parent_id or normalize_credit_code(partner.vat) != application.credit_code:
                raise ValidationError(_(
                    "Application %(name)s can only be linked to the applicant itself: %(partner)s is not a "
                    "company with the credit code %(code)s. Set that code as its tax id, or leave the dealer "
                    "empty: approval finds or creates it.",
                    name=application.name, partner=partner.display_name, code=application.credit_code,
                ))

    # ------------------------------------------------------------------ ORM
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("credit_code"):
                vals["credit_code"] = normalize_credit_code(vals["credit_code"])
            if vals.get("name") and vals["name"] != "/":
                self._check_reference_change()
            else:
                # also when a default_name is in the context: the reference comes from the sequence
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = self.env["ir.sequence"].with_company(company).next_by_code("dealer.application") or "/"
        applications = super().create(vals_list)
        applications._ensure_criterion_lines()
        applications.filtered("proposed_grade_id")._sync_required_documents()
        return applications

    def write(self, vals):
        self._check_not_closed(vals)
        if "name" in vals:
            self._check_reference_change()
        if vals.get("credit_code"):
            vals["credit_code"] = normalize_credit_code(vals["credit_code"])
        res = super().write(vals)
        if "proposed_grade_id" in vals:
            self._sync_required_documents()
        return res

    def _check_reference_change(self):
        """The reference comes from the sequence; only a Dealer Manager (or the model's own code) sets another."""
        if not self._dealer_is_trusted():
            self._check_dealer_manager(_(
                "Only a Dealer Manager may change the reference of a dealer application: it is numbered "
                "automatically."
            ))

    def _check_not_closed(self, vals):
        """An approved application documents how the dealer was admitted: only its own actions change it."""
        business = [fname for fname in vals if not fname.startswith(("message_", "activity_"))]
        if business and not self._dealer_is_trusted():
            for application in self._dealer_lines_locked():
                raise UserError(application._dealer_lines_locked_message(self.browse()))

    def _dealer_lines_locked(self):
        """An approved application is locked with its documents and evaluation lines."""
        return self.filtered(lambda app: app.state == "approved")

    def _dealer_lines_locked_message(self, lines):
        self.ensure_one()
        return _(
            "Application %(name)s is approved: it documents how the dealer was admitted and can no "
            "longer be changed. Change the dealer itself through its buttons instead.",
            name=self.name,
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        if any(application.state == "approved" for application in self):
            raise UserError(_("An approved application cannot be deleted: it documents how the dealer was admitted."))

    def _ensure_criterion_lines(self):
        """Add an evaluation line for every active criterion the application does not have yet."""
        criteria = self.env["dealer.criterion"].search([])
        for application in self:
            missing = criteria - application.criterion_ids.criterion_id
            if missing:
                application.criterion_ids = [Command.create({"criterion_id": c.id}) for c in missing]

    # ------------------------------------------------------------------ required documents
    def _document_sync_plan(self):
        """Lines to drop, to mark required / not required, and document types to add for the proposed grade."""
        self.ensure_one()
        required_types = self.proposed_grade_id.document_type_ids
        lines = self.document_ids
        obsolete = lines.filtered(lambda line: line.required and line.document_type_id not in required_types)
        to_drop = obsolete.filtered(lambda line: not line.attachment_ids)
        to_unrequire = obsolete - to_drop
        to_require = lines.filtered(lambda line: not line.required and line.document_type_id in required_types)
        to_add = required_types - lines.document_type_id
        return to_drop, to_require, to_unrequire, to_add

    def _sync_required_documents(self):
        """Give the application a required line per document type of its proposed grade (files are kept)."""
        for application in self:
            to_drop, to_require, to_unrequire, to_add = application._document_sync_plan()
            # trusted: the proposed grade decides which documents are required
            to_drop._dealer_trusted().unlink()
            to_require._dealer_trusted().required = True
            to_unrequire._dealer_trusted().required = False
            self.env["dealer.application.document"]._dealer_trusted().create([
                {"application_id": application.id, "document_type_id": doc_type.id, "required": True}
                for doc_type in to_add
            ])

    @api.onchange("proposed_grade_id")
    def _onchange_proposed_grade_id(self):
        """Preview of the required documents; saving syncs them (obsolete empty lines are dropped then)."""
        to_drop, to_require, to_unrequire, to_add = self._document_sync_plan()
        to_require.required = True
        (to_unrequire | to_drop).required = False
        Document = self.env["dealer.application.document"]
        new_lines = Document
        for doc_type in to_add:
            new_lines |= Document.new({"document_type_id": doc_type.id, "required": True})
        # lines not saved yet go at once; saved lines are not deleted from the form (see _sync_required_documents)
        self.document_ids = (self.document_ids - to_drop.filtered(lambda line: not line._origin)) | new_lines

    # ------------------------------------------------------------------ workflow
    def action_submit(self):
        """Draft → submitted, refusing applicants that already are dealers or have another open application."""
        self._check_state(("draft",), _("Application %(name)s cannot be submitted: it is %(state)s."))
        for application in self:
            application._check_no_blocking_duplicate()
            prospect = application.partner_id.filtered(lambda p: p.is_dealer and p.dealer_state == "prospect")
            # sudo: the application is the authorised path for this lifecycle step of its own prospect
            prospect.sudo()._dealer_set_state("applicant")
        self._dealer_trusted().write({"state": "submitted"})
        return True

    def action_start_review(self):
        """Submitted → under review (Dealer Manager only: the review is the manager's evaluation)."""
        self._check_dealer_manager(_("Only a Dealer Manager may start the review of a dealer application."))
        self._check_state(
            ("submitted",), _("Application %(name)s cannot be put under review: it is %(state)s, not Submitted.")
        )
        self._dealer_trusted().write({"state": "review"})
        return True

    def action_approve(self):
        """Under review → approved: create or update the dealer partner and activate it (Dealer Manager only)."""
        self._check_dealer_manager(_("Only a Dealer Manager may approve a dealer application."))
        self._check_state(("review",), _("Application %(name)s cannot be approved: it is %(state)s, not Under Review."))
        for application in self:
            application._check_approvable()
            partner = application._approve_dealer_partner()
            application._dealer_trusted().write({"state": "approved", "partner_id": partner.id})
            application.message_post(body=_(
                "Application approved: dealer %(dealer)s (%(code)s) is active.",
                dealer=partner._get_html_link(), code=partner.dealer_code,
            ))
            partner.message_post(body=_("Dealer admitted by application %(application)s.",
                                        application=application._get_html_link()))
        # the next step: the dealer's contract, without which its first order is refused
        return self.action_create_contract() if len(self) == 1 else True

    def _check_approvable(self):
        """Refuse approval without a proposed grade, with missing required documents or a too low score."""
        self.ensure_one()
        if not self.proposed_grade_id:
            raise UserError(_("Set the proposed grade of application %(name)s before approving it.", name=self.name))
        if self.missing_document_ids:
            raise UserError(_(
                "Application %(name)s cannot be approved: required documents are missing: %(documents)s. "
                "Attach them on the Documents tab first.",
                name=self.name, documents=", ".join(self.missing_document_ids.document_type_id.mapped("name")),
            ))
        grade = self.proposed_grade_id
        if self.score < grade.min_application_score:
            score, minimum = f"{self.score:.2f}", f"{grade.min_application_score:.2f}"
            raise UserError(_(
                "Application %(name)s cannot be approved: its evaluation score %(score)s is below the minimum "
                "score %(minimum)s of grade %(grade)s.",
                name=self.name, score=score, minimum=minimum, grade=grade.name,
            ))
        self._check_no_blocking_duplicate()

    def _prepare_dealer_values(self):
        """Values of the dealer partner taken from the application (empty fields left out)."""
        self.ensure_one()
        vals = {
            "name": self.company_name,
            "vat": self.credit_code,
            "street": self.street,
            "city": self.city,
            "state_id": self.state_id.id,
            "country_id": self.country_id.id,
            "phone": self.phone,
            "email": self.email,
            "parent_dealer_id": self.parent_dealer_id.id,
            "user_id": self.user_id.id,
            "dealer_grade_id": self.proposed_grade_id.id,
        }
        vals = {key: value for key, value in vals.items() if value}
        vals.update(is_company=True, is_dealer=True)
        vals["dealer_territory_ids"] = [Command.link(territory.id) for territory in self.proposed_territory_ids]
        return vals

    def _find_existing_partner(self):
        """The partner to turn into the dealer: the linked one, or a non-active one with the same credit code."""
        self.ensure_one()
        if self.partner_id:
            return self.partner_id
        candidates = self._partners_with_code(normalize_credit_code(self.credit_code)).filtered(
            lambda p: not (p.is_dealer and p.dealer_state in ("active", "suspended"))
        )
        return candidates.sorted(lambda p: (not p.is_dealer, p.id))[:1]

    def _approve_dealer_partner(self):
        """Create or update the dealer partner from the application and activate it."""
        self.ensure_one()
        # trusted: approving the application is the path that sets the dealer's grade, territories and status
        Partner = self.env["res.partner"]._dealer_trusted().with_context(
            dealer_grade_change_reason=_("Approved application %(name)s", name=self.name)
        )
        vals = self._prepare_dealer_values()
        partner = self._find_existing_partner().with_env(Partner.env)
        if partner:
            partner.write(vals)
        else:
            partner = Partner.create(vals)
        if self.contact_name and self.contact_name not in partner.child_ids.mapped("name"):
            Partner.create({
                "name": self.contact_name, "parent_id": partner.id, "type": "contact",
                "phone": self.phone, "email": self.email,
            })
        if partner.dealer_state == "terminated":
            partner.action_dealer_reactivate()
        else:
            partner._dealer_set_state("active")
        return partner.with_env(self.env)

    def action_create_contract(self):
        """Open the approved dealer's contract: its current one if it has one, else a new one prefilled from the
        application (dealer, company, one year from today; grade, territories, pricelist, payment terms and credit
        limit follow from the dealer and its grade). Nothing is created until the manager saves the form."""
        self.ensure_one()
        self._check_dealer_manager(_("Only a Dealer Manager may create a dealer contract."))
        self._check_state(("approved",), _(
            "Application %(name)s is %(state)s: a contract is made for the dealer of an approved application only."
        ))
        action = {
            "type": "ir.actions.act_window",
            "name": _("Contract of %(dealer)s", dealer=self.partner_id.display_name),
            "res_model": "dealer.contract",
            "view_mode": "form",
            "target": "current",
        }
        if self.dealer_contract_id:
            action["res_id"] = self.dealer_contract_id.id
            return action
        today = fields.Date.context_today(self)
        action["context"] = {
            "default_partner_id": self.partner_id.id,
            "default_company_id": self.company_id.id,
            "default_date_start": fields.Date.to_string(today),
            "default_date_end": fields.Date.to_string(today + relativedelta(years=1, days=-1)),
        }
        return action

    def action_reject(self):
        """Open the wizard asking for the rejection reason (Dealer Manager only)."""
        self._check_dealer_manager(_("Only a Dealer Manager may reject a dealer application."))
        self._check_state(("submitted", "review"), _(
            "Application %(name)s cannot be rejected: it is %(state)s. Only submitted applications and "
            "applications under review can be rejected."
        ))
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject Application"),
            "res_model": "dealer.application.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_application_id": self.id},
        }

    def _action_reject(self, reason):
        """Submitted/under review → rejected, keeping the reason on the application and in the chatter."""
        self._check_dealer_manager(_("Only a Dealer Manager may reject a dealer application."))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Give the reason for rejecting the application: the applicant will be told."))
        self._check_state(("submitted", "review"), _(
            "Application %(name)s cannot be rejected: it is %(state)s. Only submitted applications and "
            "applications under review can be rejected."
        ))
        self._dealer_trusted().write({"state": "rejected", "reject_reason": reason})
        for application in self:
            application.message_post(body=_("Application rejected. Reason: %(reason)s", reason=plaintext2html(reason)))
        return True

    def action_reset_draft(self):
        """Rejected → draft, to rework and resubmit the application (Dealer Manager only)."""
        self._check_dealer_manager(_("Only a Dealer Manager may reopen a rejected application."))
        self._check_state(
            ("rejected",), _("Application %(name)s cannot be reset to draft: it is %(state)s, not Rejected.")
        )
        self._dealer_trusted().write({"state": "draft", "reject_reason": False})
        return True

    def action_view_partner(self):
        """Open the dealer created or activated by this application."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "view_mode": "form",
            "res_id": self.partner_id.id,
        }
