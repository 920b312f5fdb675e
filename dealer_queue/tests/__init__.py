from . import test_queue_rebate
