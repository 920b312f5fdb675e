"""The sell-out KPIs: computed from dealer_sellout's confirmed retail sales, analysis and forecasts."""
from odoo import models
from odoo.tools import SQL


class DealerKpi(models.Model):
    _inherit = "dealer.kpi"

    def _sellout_domain(self, dealers, date_from, date_to, company):
        """The dealers' confirmed sell-outs dated in the period, in the assessed company."""
        return [("dealer_id", "in", dealers.ids), ("company_id", "=", company.id), ("state", "=", "confirmed"),
                ("date", ">=", date_from), ("date", "<=", date_to)]

    def _kpi_sellout_volume(self, dealers, date_from, date_to, company):
        """Units sold to end customers (confirmed sell-outs) in the period; 0 without any."""
        # sudo: a sum over the dealers' sell-outs, for the assessment only
        groups = self.env["dealer.sellout"].sudo()._read_group(
            self._sellout_domain(dealers, date_from, date_to, company), ["dealer_id"], ["quantity:sum"],
        )
        result = dict.fromkeys(dealers.ids, 0.0)
        result.update({dealer.id: quantity for dealer, quantity in groups})
        return result

    def _kpi_sell_through(self, dealers, date_from, date_to, company):
        """Sell-out in % of the net sell-in of the period's months; no sell-in, no value."""
        # sudo: sums of the sell-in/sell-out analysis, for the assessment only
        groups = self.env["dealer.sellout.analysis"].sudo()._read_group(
            [("dealer_id", "in", dealers.ids), ("company_id", "=", company.id),
             ("month", ">=", date_from.replace(day=1)), ("month", "<=", date_to)],
            ["dealer_id"], ["sell_in_qty:sum", "sellout_qty:sum"],
        )
        return {dealer.id: round(100.0 * sold / sell_in, 2) for dealer, sell_in, sold in groups if sell_in > 0}

    def _kpi_sellout_compliance(self, dealers, date_from, date_to, company):
        """Share (%) of the period's confirmed sell-outs without a violation (other than a cancelled one); no
        sell-out, no value."""
        domain = self._sellout_domain(dealers, date_from, date_to, company)
        # sudo: counts of the dealers' sell-outs, for the assessment only
        sellouts = self.env["dealer.sellout"].sudo()
        totals = dict(sellouts._read_group(domain, ["dealer_id"], ["__count"]))
        flagged = dict(sellouts._read_group(
            domain + [("violation_ids.state", "!=", "cancelled")], ["dealer_id"], ["__count"]))
        return {
            dealer.id: round(100.0 * (total - flagged.get(dealer, 0)) / total, 2)
            for dealer, total in totals.items()
        }

    def _kpi_forecast_accuracy(self, dealers, date_from, date_to, company):
        """100 − MAPE of the submitted forecasts of the period's months against the orders, floored at 0
        (dealer.sellout.forecast.analysis._dealer_forecast_accuracy)."""
        # sudo: forecast figures for the assessment only
        return self.env["dealer.sellout.forecast.analysis"].sudo()._dealer_forecast_accuracy(
            dealers, date_from, date_to, company)

    def _kpi_market_share(self, dealers, date_from, date_to, company):
        """The dealer's confirmed sell-out units in % of the market volume (dealer.market.volume, e.g. 上险数) of
        its territories (and the territories below them) over the months of the period, counting only the
        sell-outs of the product categories the volume rows name (all products for a row without one); no market
        volume in its territories, no value."""
        # sudo: market figures and sums of the dealers' sell-outs, for the assessment only
        volumes = self.env["dealer.market.volume"].sudo()._read_group(
            [("company_id", "=", company.id), ("month", ">=", date_from.replace(day=1)), ("month", "<=", date_to)],
            ["territory_id", "categ_id"], ["volume:sum"],
        )
        if not volumes:
            return {}
        sold = self.env["dealer.sellout"].sudo()._read_group(
            self._sellout_domain(dealers, date_from, date_to, company), ["dealer_id", "product_id"], ["quantity:sum"],
        )
        result = {}
        for dealer in dealers:
            territories = dealer.dealer_territory_ids
            rows = [(categ, volume) for territory, categ, volume in volumes
                    if any(mine._contains(territory) for mine in territories)]
            market = sum(volume for _categ, volume in rows)
            if not market:
                continue
            categs = {categ for categ, _volume in rows}
            units = sum(
                quantity for seller, product, quantity in sold
                if seller == dealer and (not all(categs) or any(
                    product.categ_id.parent_path.startswith(categ.parent_path) for categ in categs if categ))
            )
            result[dealer.id] = round(100.0 * units / market, 2)
        return result

    def _kpi_repurchase_rate(self, dealers, date_from, date_to, company):
        """复购率 on the dealer's sell-out: share (%) of its end customers of the period (confirmed sell-outs, a
        customer known by phone number, else by name) who had already bought from it on an earlier day (before
        their last purchase of the period, within the period or before it); no identified customer, no value."""
        self.env["dealer.sellout"].flush_model(["dealer_id", "company_id", "state", "date", "customer_phone",
                                                "customer_name"])
        self.env.cr.execute(SQL(
            """
            SELECT dealer_id, COUNT(*), COUNT(*) FILTER (WHERE first_day < last_day)
              FROM (SELECT dealer_id, customer, MIN(date) AS first_day,
                           MAX(date) FILTER (WHERE date >= %(date_from)s) AS last_day
                      FROM (SELECT dealer_id, date,
                                   COALESCE(NULLIF(regexp_replace(customer_phone, '[^0-9]', '', 'g'), ''),
                                            NULLIF(lower(trim(customer_name)), '')) AS customer
                              FROM dealer_sellout
                             WHERE state = 'confirmed' AND company_id = %(company)s AND dealer_id IN %(dealers)s
                               AND date <= %(date_to)s) sale
                     WHERE customer IS NOT NULL
                     GROUP BY dealer_id, customer
                    HAVING MAX(date) >= %(date_from)s) buyer
             GROUP BY dealer_id
            """,
            company=company.id, dealers=tuple(dealers.ids) or (0,), date_from=date_from, date_to=date_to,
        ))
        return {dealer_id: round(100.0 * again / total, 2) for dealer_id, total, again in self.env.cr.fetchall()}
