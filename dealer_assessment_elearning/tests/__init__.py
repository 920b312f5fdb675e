from . import test_kpi_elearning
