"""Service quality KPIs from the service inspections of the dealer_service bridge (售后服务监管)."""
from odoo import models


class DealerKpi(models.Model):
    _inherit = "dealer.kpi"

    def _kpi_service_quality_available(self):
        return "dealer.service.inspection" in self.env \
            and hasattr(self.env["dealer.service.inspection"], "_dealer_service_quality")

    def _service_quality(self, dealers, date_from, date_to, company, category=None):
        if not self._kpi_service_quality_available():
            return {}
        # sudo: inspection scores for the assessment only
        return self.env["dealer.service.inspection"].sudo()._dealer_service_quality(
            dealers, date_from, date_to, category=category, company=company)

    def _kpi_service_quality(self, dealers, date_from, date_to, company):
        """Average score of the service inspections done in the period, from dealer_service; none, no value."""
        return self._service_quality(dealers, date_from, date_to, company)

    _kpi_service_presale_available = _kpi_service_quality_available
    _kpi_service_purchase_available = _kpi_service_quality_available
    _kpi_service_aftersales_available = _kpi_service_quality_available

    def _kpi_service_presale(self, dealers, date_from, date_to, company):
        """Pre-sale consultation (售前咨询) items of the inspections done in the period, weighted."""
        return self._service_quality(dealers, date_from, date_to, company, category="presale")

    def _kpi_service_purchase(self, dealers, date_from, date_to, company):
        """Purchase service (购车服务) items of the inspections done in the period, weighted."""
        return self._service_quality(dealers, date_from, date_to, company, category="purchase")

    def _kpi_service_aftersales(self, dealers, date_from, date_to, company):
        """After-sales service (售后服务) items of the inspections done in the period, weighted."""
        return self._service_quality(dealers, date_from, date_to, company, category="aftersales")
