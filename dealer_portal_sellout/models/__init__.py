from . import dealer_sellout
from . import dealer_sellout_forecast
from . import dealer_sellout_analysis
from . import dealer_sellout_forecast_upload
