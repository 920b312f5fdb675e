from . import test_portal_sellout
from . import test_portal_sellout_upload
from . import test_portal_forecast
from . import test_security_portal_sellout
from . import test_portal_upload_headers
from . import test_monthly_summary
from . import test_portal_sellout_queue
from . import test_portal_forecast_queue
