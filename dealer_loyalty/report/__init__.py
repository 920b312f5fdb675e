from . import dealer_loyalty_report
