from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, models
from odoo.tools import format_amount

from odoo.addons.dealer_management.tools.period import period_label, previous_period


class DealerAssessmentConsequenceMixin(models.AbstractModel):
    """What an approved assessment proposes (奖惩, 经销商调整, 信用评级, 退出机制): the rules, set-based per assessment.

    Part of ``dealer.assessment`` (in its ``_inherit``), which calls ``_propose_consequences`` when it is approved;
    the rules read the assessment's period, company and scorecards.
    """

    _name = "dealer.assessment.consequence.mixin"
    _description = "Dealer Assessment Consequences"

    # ------------------------------------------------------------------ the rules
    def _propose_consequences(self):
        """Create the proposals of this approved assessment (replacing those of an earlier approval still open)."""
        self.ensure_one()
        Proposal = self.env["dealer.assessment.proposal"]._dealer_trusted()
        existing = Proposal.search([("assessment_id", "=", self.id)])
        existing.filtered(lambda p: p.state == "proposed").unlink()
        decided = {(p.partner_id.id, p.proposal_type) for p in existing.exists()}
        scorecards = self.scorecard_ids
        # what another assessment of the period (of an overlapping scope) applied already applies once only
        decided |= {(p.partner_id.id, p.proposal_type) for p in Proposal.search([
            ("partner_id", "in", scorecards.partner_id.ids), ("company_id", "=", self.company_id.id),
            ("date_from", "=", self.date_from), ("date_to", "=", self.date_to), ("state", "=", "applied"),
            ("assessment_id", "!=", self.id),
        ])}
        vals_list = (
            self._propose_by_rating(scorecards)
            + self._propose_by_streak(scorecards)
            + self._propose_termination(scorecards)
            + self._propose_credit(scorecards)
        )
        vals_list = [vals for vals in vals_list if (vals["partner_id"], vals["proposal_type"]) not in decided]
        for vals in vals_list:
            vals["assessment_id"] = self.id
        return Proposal.create(vals_list)

    @staticmethod
    def _proposal(scorecard, proposal_type, reason, **vals):
        return dict(vals, scorecard_id=scorecard.id, partner_id=scorecard.partner_id.id,
                    proposal_type=proposal_type, reason=reason)

    def _propose_by_rating(self, scorecards):
        """Reward for A and B (as configured), warning letter for C, warning, interview and correction plan for D."""
        net_sales = self.env["dealer.kpi"]._net_sales(
            scorecards.partner_id, self.date_from, self.date_to, self.company_id,
        )
        currency = self.company_id.currency_id
        result = []
        for card in scorecards:
            figures = _("Assessment %(assessment)s: total %(total)s, rank %(rank)s, rating %(rating)s.",
                        assessment=self.name, total=card.total, rank=card.rank, rating=card.rating)
            if card.rating in ("A", "B"):
                amount = card.template_id._reward_amount(card.rating, net_sales.get(card.partner_id.id, 0.0))
                if currency.compare_amounts(amount, 0.0) > 0:
                    result.append(self._proposal(card, "reward", "%s\n%s" % (figures, _(
                        "Reward of %(amount)s on the rebate of the period.",
                        amount=format_amount(self.env, amount, currency),
                    )), amount=amount))
            elif card.rating == "C":
                result.append(self._proposal(card, "warning", figures))
            elif card.rating == "D":
                for proposal_type in ("warning", "interview", "correction"):
                    result.append(self._proposal(card, proposal_type, figures))
        return result

    def _streaks(self, scorecards, length):
        """{dealer id: [rating of this period, of the period before, ...]} over ``length`` consecutive periods.

        The earlier periods count only with an approved scorecard of the same period type and company; the list
        stops at the first period without one.
        """
        starts, day = [], self.date_from
        for _i in range(length - 1):
            day = previous_period(day, self.period_type)[0]
            starts.append(day)
        rows = self.env["dealer.scorecard"].search_read([
            ("partner_id", "in", scorecards.partner_id.ids), ("company_id", "=", self.company_id.id),
            ("assessment_state", "=", "approved"), ("period_type", "=", self.period_type),
            ("date_from", "in", starts), ("assessment_id", "!=", self.id),
        ], ["partner_id", "date_from", "rating"], order="id desc") if starts else []
        earlier = {}
        for row in rows:
            earlier.setdefault((row["partner_id"][0], row["date_from"]), row["rating"])
        result = {}
        for card in scorecards:
            ratings = [card.rating]
            for start in starts:
                rating = earlier.get((card.partner_id.id, start))
                if not rating:
                    break
                ratings.append(rating)
            result[card.partner_id.id] = ratings
        return result

    @staticmethod
    def _streak(ratings, rating):
        """How many periods in a row, from the latest, the dealer was rated ``rating``."""
        count = 0
        for value in ratings:
            if value != rating:
                break
            count += 1
        return count

    def _propose_by_streak(self, scorecards):
        """Upgrade after N consecutive A, downgrade after N consecutive D; suspension after the template's D count."""
        templates = scorecards.template_id
        length = max(templates.mapped("consecutive_periods") + templates.mapped("suspension_periods") + [1])
        streaks = self._streaks(scorecards, length)
        grades = self.env["dealer.grade"].search([("company_id", "in", (False, self.company_id.id))])
        result = []
        for card in scorecards:
            template, dealer = card.template_id, card.partner_id
            ratings = streaks[dealer.id]
            needed = template.consecutive_periods
            grade = dealer.dealer_grade_id
            position = list(grades).index(grade) if grade in grades else None
            if position is not None and self._streak(ratings, "A") >= needed and position > 0:
                result.append(self._proposal(card, "upgrade", _(
                    "Rated A in %(count)s consecutive periods up to %(period)s: upgrade from %(old)s to %(new)s.",
                    count=needed, period=self.name, old=grade.name, new=grades[position - 1].name,
                ), old_grade_id=grade.id, new_grade_id=grades[position - 1].id))
            d_streak = self._streak(ratings, "D")
            if position is not None and d_streak >= needed and position < len(grades) - 1:
                result.append(self._proposal(card, "downgrade", _(
                    "Rated D in %(count)s consecutive periods up to %(period)s: downgrade from %(old)s to %(new)s.",
                    count=needed, period=self.name, old=grade.name, new=grades[position + 1].name,
                ), old_grade_id=grade.id, new_grade_id=grades[position + 1].id))
            if template.suspension_periods and d_streak >= template.suspension_periods:
                result.append(self._proposal(card, "suspension", _(
                    "Rated D in %(count)s consecutive periods up to %(period)s: suspension proposed.",
                    count=template.suspension_periods, period=self.name,
                )))
        return result

    def _propose_termination(self, scorecards):
        """Exit (退出机制): under 100 % of the annual target in each of the last two complete calendar years."""
        last_year = self.date_to.year if (self.date_to.month, self.date_to.day) == (12, 31) else self.date_to.year - 1
        Kpi = self.env["dealer.kpi"]
        dealers = scorecards.partner_id
        achievements = [
            Kpi._kpi_target_achievement(dealers, date(year, 1, 1), date(year, 12, 31), self.company_id)
            for year in (last_year - 1, last_year)
        ]
        # sudo: whether a termination is already open, whoever approves the assessment
        open_terminations = self.env["dealer.termination"].sudo().search([
            ("partner_id", "in", dealers.ids), ("company_id", "=", self.company_id.id),
            ("state", "in", ("draft", "confirmed")),
        ]).partner_id
        pending = self.env["dealer.assessment.proposal"].search([
            ("partner_id", "in", dealers.ids), ("company_id", "=", self.company_id.id),
            ("proposal_type", "=", "termination"), ("state", "=", "proposed"), ("assessment_id", "!=", self.id),
        ]).partner_id
        result = []
        for card in scorecards:
            before, last = (values.get(card.partner_id.id) for values in achievements)
            if before is None or last is None or before >= 100.0 or last >= 100.0:
                continue
            if card.partner_id in open_terminations | pending:
                continue
            result.append(self._proposal(card, "termination", _(
                "Annual target achieved at %(before)s %% in %(year_before)s and %(last)s %% in %(year)s: under "
                "100 %% two years running.",
                before=before, year_before=last_year - 1, last=last, year=last_year,
            )))
        return result

    def _propose_credit(self, scorecards):
        """Credit rating (信用评级) from payment punctuality (12 months) and overdue share; proposed when it changes."""
        ratings = self.env["dealer.credit.rating"]._ratings_for(self.company_id)
        if not ratings:
            return []
        dealers = scorecards.partner_id
        Kpi = self.env["dealer.kpi"]
        days_late = Kpi._kpi_payment_days_late(
            dealers, self.date_to - relativedelta(years=1, days=-1), self.date_to, self.company_id,
        )
        overdue = Kpi._kpi_overdue_share(dealers, self.date_from, self.date_to, self.company_id)
        current = dealers._dealer_current_credit_ratings(self.company_id)
        result = []
        for card in scorecards:
            dealer = card.partner_id
            if dealer.id not in days_late and not overdue.get(dealer.id):
                continue  # no payment history: nothing to rate
            late, share = days_late.get(dealer.id, 0.0), overdue.get(dealer.id, 0.0)
            rating = ratings._rate(late, share)
            if rating == current.get(dealer.id):
                continue
            limit = rating._credit_limit_for(dealer, self.company_id)
            result.append(self._proposal(card, "credit", _(
                "Average %(days)s days late over the 12 months to %(period)s, %(share)s %% of the receivable "
                "overdue: credit rating %(rating)s, credit limit %(limit)s.",
                days=late, period=period_label(self.date_to, self.period_type), share=share, rating=rating.name,
                limit=format_amount(self.env, limit, self.company_id.currency_id),
            ), credit_rating_id=rating.id, credit_limit=limit, payment_term_id=rating.payment_term_id.id))
        return result
