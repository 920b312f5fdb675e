from . import models

KPI_XMLIDS = ["kpi_sellout_volume", "kpi_sell_through", "kpi_sellout_compliance", "kpi_forecast_accuracy"]


def pre_init_hook(env):
    """Take over the sell-out KPI records of a database where dealer_assessment still shipped them."""
    env["dealer.kpi"]._move_xmlids("dealer_assessment_sellout", KPI_XMLIDS)
