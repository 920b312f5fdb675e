from . import dealer_stock_report_upload
