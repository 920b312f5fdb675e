from odoo import _, fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request
from odoo.tools import clean_context

from .portal import DealerPortal

# sale order states counted as "open" on /my (quotations sent and confirmed orders not fully invoiced or delivered)
OPEN_ORDER_STATES = ("draft", "sent", "sale")
OPEN_COMPLAINT_STATES = ("new", "in_progress")


class DealerPagesPortal(DealerPortal):
    """The dealer's dashboard, targets and exit request on /my; owner-only pages refuse staff with a 404."""

    # ------------------------------------------------------------------ home counters
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        user = request.env.user
        dealer = user._dealer_portal_dealer()
        if "dealer_open_order_count" in counters:
            values["dealer_open_order_count"] = request.env["sale.order"].search_count(
                [("partner_id", "child_of", dealer.id), ("state", "in", OPEN_ORDER_STATES),
                 ("invoice_status", "!=", "invoiced")],
            ) if dealer and request.env["sale.order"].has_access("read") else 0
        if "dealer_open_complaint_count" in counters:
            Complaint = request.env["dealer.complaint"]
            values["dealer_open_complaint_count"] = Complaint.search_count(
                [("partner_id", "=", dealer.id), ("state", "in", OPEN_COMPLAINT_STATES)],
            ) if dealer and Complaint.has_access("read") else 0
        if "dealer_pending_target_count" in counters:
            values["dealer_pending_target_count"] = (
                len(self._dealer_answerable_targets(dealer)._dealer_awaiting_answer(fields.Date.context_today(user)))
                if dealer and user._dealer_portal_is_owner() else 0
            )
        if not counters:
            values["dealer_is_owner"] = bool(dealer) and user._dealer_portal_is_owner()
        return values

    # ------------------------------------------------------------------ helpers
    def _dealer_pages_dealer(self, owner=False):
        """The user's dealer; a 404 when it has none, or when ``owner`` and the user is not its owner."""
        user = request.env.user
        dealer = user._dealer_portal_dealer()
        if not dealer or (owner and not user._dealer_portal_is_owner()):
            raise request.not_found()
        return dealer

    @staticmethod
    def _dealer_pages_company():
        return request.env.user.company_id

    def _dealer_pages_values(self, page_name, **values):
        result = self._prepare_portal_layout_values()
        result.update(page_name=page_name, **values)
        return result

    def _dealer_answerable_targets(self, dealer):
        """Targets of the dealer's active contracts, read with the owner's rights."""
        return request.env["dealer.contract.target"].search([
            ("partner_id", "=", dealer.id), ("contract_id.state", "=", "active"),
        ])

    @staticmethod
    def _dealer_clean_env():
        """The request's environment without any default_* key (no form can smuggle a default value)."""
        return request.env(context=clean_context(request.env.context))

    # ------------------------------------------------------------------ dashboard
    @http.route(["/my/dealer"], type="http", auth="user", website=True, readonly=True)
    def portal_dealer_dashboard(self, **kw):
        dealer = self._dealer_pages_dealer()
        is_owner = request.env.user._dealer_portal_is_owner()
        figures = dealer._dealer_portal_dashboard(
            self._dealer_pages_company(), fields.Date.context_today(request.env.user), full=is_owner,
        )
        return request.render("dealer_portal.portal_dealer_dashboard", self._dealer_pages_values(
            "dealer_dashboard", is_owner=is_owner, **figures,
        ))

    # ------------------------------------------------------------------ targets
    @http.route(["/my/targets"], type="http", auth="user", website=True, readonly=DealerPortal._dealer_readonly_page)
    def portal_my_targets(self, answered=None, nothing=None, **kw):
        dealer = self._dealer_pages_dealer(owner=True)
        return request.render("dealer_portal.portal_my_targets", self._dealer_targets_values(
            dealer, answered=answered, nothing=nothing,
        ))

    def _dealer_targets_values(self, dealer, error=None, error_target=None, post=None, answered=None, nothing=None):
        Target = request.env["dealer.contract.target"]
        today = fields.Date.context_today(request.env.user)
        targets = Target.search([("partner_id", "=", dealer.id)], order="date_start desc, id desc", limit=60)
        answerable = self._dealer_answerable_targets(dealer)
        year_targets = Target.search([
            ("partner_id", "=", dealer.id), ("date_start", ">=", today.replace(month=1, day=1)),
            ("date_start", "<=", today),
        ])
        return self._dealer_pages_values(
            "dealer_targets",
            # sudo: rendering only; the targets were searched with the owner's rights and record rules
            targets=targets.sudo(), answerable_ids=set(answerable._dealer_open_for_answer(today).ids),
            year_groups=answerable._dealer_year_groups(today), year_to_date=year_targets._dealer_year_to_date(today),
            today=today, error=error, error_target=error_target, post=post or {}, answered=answered, nothing=nothing,
            answers=request.env["dealer.target.acknowledgement"].search(
                [("target_id", "in", targets.ids)], order="id desc",
            ),
        )

    @http.route(["/my/targets/<int:target_id>/answer"], type="http", auth="user", website=True, methods=["POST"])
    def portal_target_answer(self, target_id, **post):
        dealer = self._dealer_pages_dealer(owner=True)
        target = self._dealer_answerable_targets(dealer).filtered(lambda t: t.id == target_id)
        if not target:
            raise request.not_found()
        decision = post.get("decision")
        proposed = self._dealer_float(post.get("proposed_amount"), 0.0)
        error = None
        if proposed is None:
            error = _("The proposed amount must be a number.")
        elif proposed > 1e12:
            error = _("The proposed amount is too large.")
        if not error:
            try:
                with request.env.cr.savepoint():
                    self._dealer_clean_env()["dealer.target.acknowledgement"]._dealer_portal_answer(
                        target, decision, post.get("comment"), proposed,
                    )
            except (AccessError, UserError, ValidationError) as e:
                error = self._dealer_error_message(e)
        if error:
            values = self._dealer_targets_values(dealer, error=error, error_target=target_id, post=post)
            return request.render("dealer_portal.portal_my_targets", values)
        return request.redirect("/my/targets?answered=1")

    @http.route(["/my/contracts/<int:contract_id>/targets/<int:year>/acknowledge"], type="http", auth="user",
                website=True, methods=["POST"])
    def portal_targets_acknowledge_year(self, contract_id, year, **post):
        """Acknowledge every open target of a year of the owner's active contract at once."""
        dealer = self._dealer_pages_dealer(owner=True)
        contract = self._dealer_answerable_targets(dealer).contract_id.filtered(lambda c: c.id == contract_id)
        if not contract:
            raise request.not_found()
        try:
            with request.env.cr.savepoint():
                answers = self._dealer_clean_env()["dealer.target.acknowledgement"]._dealer_portal_acknowledge_year(
                    contract, year,
                )
        except (AccessError, UserError, ValidationError) as e:
            values = self._dealer_targets_values(dealer, error=self._dealer_error_message(e))
            return request.render("dealer_portal.portal_my_targets", values)
        return request.redirect("/my/targets?answered=1" if answers else "/my/targets?nothing=1")

    # ------------------------------------------------------------------ voluntary exit
    @http.route(["/my/dealer/exit"], type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_dealer_exit(self, **post):
        dealer = self._dealer_pages_dealer(owner=True)
        # sudo: the dealer's own open request, shown instead of the form
        Termination = request.env["dealer.termination"].sudo()
        open_request = Termination.search(
            [("partner_id", "=", dealer.id), ("state", "in", ("draft", "confirmed"))], limit=1,
        )
        error = None
        if request.httprequest.method == "POST" and not open_request:
            try:
                effective_date = fields.Date.to_date(post.get("effective_date") or None)
            except ValueError:
                effective_date = None
                error = _("Give the date as YYYY-MM-DD.")
            if not error:
                try:
                    with request.env.cr.savepoint():
                        self._dealer_clean_env()["dealer.termination"]._dealer_portal_exit_request(
                            dealer, post.get("reason"), effective_date,
                        )
                except (AccessError, UserError, ValidationError) as e:
                    error = self._dealer_error_message(e)
            if not error:
                return request.redirect("/my/dealer/exit?submitted=1")
        return request.render("dealer_portal.portal_dealer_exit", self._dealer_pages_values(
            "dealer_exit", dealer=dealer, open_request=open_request, error=error, post=post,
            submitted=post.get("submitted"),
        ))
