from . import test_queue_rebate
from . import test_security_queue_rpc
from . import test_queue_import
