"""The service quality KPIs (售后服务监管): from the service inspections of dealer_service_inspection."""
from odoo import models


class DealerKpi(models.Model):
    _inherit = "dealer.kpi"

    def _service_quality(self, dealers, date_from, date_to, company, category=None):
        # sudo: inspection scores for the assessment only
        return self.env["dealer.service.inspection"].sudo()._dealer_service_quality(
            dealers, date_from, date_to, category=category, company=company)

    def _kpi_service_quality(self, dealers, date_from, date_to, company):
        """Average score of the service inspections done in the period; none, no value."""
        return self._service_quality(dealers, date_from, date_to, company)

    def _kpi_service_presale(self, dealers, date_from, date_to, company):
        """Pre-sale consultation (售前咨询) items of the inspections done in the period, weighted."""
        return self._service_quality(dealers, date_from, date_to, company, category="presale")

    def _kpi_service_purchase(self, dealers, date_from, date_to, company):
        """Purchase service (购车服务) items of the inspections done in the period, weighted."""
        return self._service_quality(dealers, date_from, date_to, company, category="purchase")

    def _kpi_service_aftersales(self, dealers, date_from, date_to, company):
        """After-sales service (售后服务) items of the inspections done in the period, weighted."""
        return self._service_quality(dealers, date_from, date_to, company, category="aftersales")
