from . import test_kpi
from . import test_kpi_market
