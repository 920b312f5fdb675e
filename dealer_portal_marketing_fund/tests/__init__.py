from . import test_portal_marketing_fund
from . import test_security_portal_marketing_fund
