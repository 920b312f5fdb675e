from . import dealer_statement_report
