from . import common
from . import sellout
from . import forecast
