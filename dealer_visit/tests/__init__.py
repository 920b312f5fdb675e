from . import test_visit
from . import test_visit_lock
from . import test_visit_plan
from . import test_visit_race
from . import test_visit_rpc
from . import test_visit_tour
