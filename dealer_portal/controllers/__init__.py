from . import portal
from . import relations
from . import stock_reports
from . import dealer_apply
from . import ordering
from . import pages
from . import pages_finance
from . import sale_portal
