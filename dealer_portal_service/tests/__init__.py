from . import test_portal_warranty_claim
from . import test_security_portal_service
