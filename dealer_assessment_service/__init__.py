from . import models

KPI_XMLIDS = ["kpi_service_quality", "kpi_service_presale", "kpi_service_purchase", "kpi_service_aftersales"]


def pre_init_hook(env):
    """Take over the service quality KPI records of a database where dealer_assessment still shipped them."""
    env["dealer.kpi"]._move_xmlids("dealer_assessment_service", KPI_XMLIDS)
