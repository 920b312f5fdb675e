from . import dealer_sellout
from . import dealer_sellout_analysis
from . import dealer_sellout_forecast
from . import dealer_sellout_forecast_analysis
from . import dealer_violation
from . import product_template
from . import stock_lot
from . import stock_move
