from . import test_kpi_staff_certification
