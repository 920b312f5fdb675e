from . import test_service_inspection
from . import test_inspection_findings
from . import test_inspection_findings_race
from . import test_security_inspection
from . import test_inspection_lines_lock
from . import test_pre_init_hook
