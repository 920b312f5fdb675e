from . import models

KPI_XMLIDS = ["kpi_satisfaction"]


def pre_init_hook(env):
    """Take over the satisfaction KPI record of a database where dealer_assessment still shipped it."""
    env["dealer.kpi"]._move_xmlids("dealer_assessment_satisfaction", KPI_XMLIDS)
