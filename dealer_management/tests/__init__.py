from . import test_order_checks
from . import test_credit_race
from . import test_violation
from . import test_contract
from . import test_target
from . import test_rebate
from . import test_price_adjustment
from . import test_stock_report
