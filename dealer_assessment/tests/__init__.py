from . import test_kpi
from . import test_assessment
from . import test_security_assessment
from . import test_consequences
from . import test_security_consequences
from . import test_reports
from . import test_security_reports
from . import test_kpi_example
