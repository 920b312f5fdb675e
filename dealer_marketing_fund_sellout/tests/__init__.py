from . import test_marketing_fund_sellout
