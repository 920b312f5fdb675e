from . import test_marketing_fund
from . import test_marketing_settlement
from . import test_marketing_race
