from . import loyalty_program
from . import sale_order
from . import sale_order_line
