from . import dealer_portal_spreadsheet
from . import dealer_sellout
from . import dealer_sellout_forecast
