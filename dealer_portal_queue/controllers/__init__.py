from . import stock_reports
