from . import test_promotion_access
from . import test_promotion_floor_price
from . import test_promotion_budget
from . import test_promotion_budget_race
from . import test_promotion_rpc
from . import test_promotion_report
from . import test_promotion_fingerprint
