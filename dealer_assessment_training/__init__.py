from . import models

KPI_XMLIDS = ["kpi_training_completion"]


def pre_init_hook(env):
    """Take over the training KPI record of a database where dealer_assessment still shipped it."""
    env["dealer.kpi"]._move_xmlids("dealer_assessment_training", KPI_XMLIDS)
