from collections import defaultdict

from odoo import Command, api, fields, models

from odoo.addons.dealer_management.tools.period import period_label, previous_period


class DealerSelloutAnalysis(models.Model):
    """The monthly sell-out summary mailed to each dealer's owner (销售数据分析结果反馈给经销商)."""

    _inherit = "dealer.sellout.analysis"

    @api.model
    def _dealer_month_summary(self, dealers, month_start):
        """{dealer id: [row dicts: product, sell_in, sellout, channel_stock, reported]} of one month, one query."""
        groups = self._read_group(
            [("dealer_id", "in", dealers.ids), ("month", "=", month_start)],
            ["dealer_id", "product_id"],
            ["sell_in_qty:sum", "sellout_qty:sum", "channel_stock_qty:sum", "reported_stock_qty:sum"],
        )
        summary = defaultdict(list)
        for dealer, product, sell_in, sellout, stock, reported in groups:
            summary[dealer.id].append({
                "product": product.display_name, "sell_in": sell_in, "sellout": sellout,
                "channel_stock": stock, "reported": reported,
            })
        return summary

    @api.model
    def _dealer_summary_recipients(self, dealers):
        """{dealer id: partners to mail}: its owners (contacts with the portal role "owner", when the portal
        defines roles), else the dealer itself when it has an e-mail address."""
        Partner = self.env["res.partner"]
        owners = defaultdict(lambda: Partner)
        if "dealer_portal_role" in Partner._fields:
            contacts = Partner.search([
                ("commercial_partner_id", "in", dealers.ids), ("dealer_portal_role", "=", "owner"),
                ("email", "!=", False),
            ])
            for contact in contacts:
                owners[contact.commercial_partner_id.id] |= contact
        return {dealer.id: owners[dealer.id] or dealer.filtered("email") for dealer in dealers}

    @api.model
    def _cron_send_monthly_summary(self, day=None):
        """Mail last month's sell-out summary to the owner of every dealer that had sell-in or sell-out."""
        month_start, _month_end = previous_period(day or fields.Date.context_today(self), "month")
        dealer_ids = {dealer.id for [dealer] in self._read_group([("month", "=", month_start)], ["dealer_id"])}
        dealers = self.env["res.partner"].browse(dealer_ids)
        summary = self._dealer_month_summary(dealers, month_start)
        recipients = self._dealer_summary_recipients(dealers)
        template = self.env.ref("dealer_sellout.mail_template_sellout_summary")
        sent = self.env["mail.mail"]
        for dealer in dealers:
            if not recipients[dealer.id] or not summary.get(dealer.id):
                continue
            mail_id = template.with_context(
                dealer_sellout_rows=summary[dealer.id], dealer_sellout_month=period_label(month_start, "month"),
            ).send_mail(dealer.id, email_values={"recipient_ids": [Command.set(recipients[dealer.id].ids)]})
            sent |= self.env["mail.mail"].browse(mail_id)
        return sent
