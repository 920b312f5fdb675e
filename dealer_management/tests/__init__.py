from . import test_termination
from . import test_application
from . import test_credit_code
from . import test_territory
from . import test_partner
from . import test_access
