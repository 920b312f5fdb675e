from . import test_portal_assessment_pages
from . import test_security_portal_assessment
from . import test_portal_assessment_chinese
from . import test_pre_init_hook
