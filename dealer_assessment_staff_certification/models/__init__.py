from . import dealer_kpi
