from . import test_warranty_claim
from . import test_security_service
from . import test_security_lines_lock
from . import test_claim_form
from . import test_claim_settle_queue
