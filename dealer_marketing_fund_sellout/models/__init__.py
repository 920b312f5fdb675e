from . import dealer_marketing_activity_type
from . import dealer_marketing_application
