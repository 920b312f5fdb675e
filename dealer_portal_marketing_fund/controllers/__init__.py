from . import marketing_fund
