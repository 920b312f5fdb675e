from . import dealer_portal_catalog
from . import sale_order
