from . import test_portal_stock_report_queue
