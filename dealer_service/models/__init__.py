from . import dealer_contract_target
from . import product_template
from . import repair_order
from . import res_config_settings
from . import stock_lot
from . import stock_move
