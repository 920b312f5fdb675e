from . import test_sellout
from . import test_sellout_import
from . import test_serial
from . import test_analysis
from . import test_forecast
from . import test_kpi
from . import test_detection
from . import test_security_sellout
