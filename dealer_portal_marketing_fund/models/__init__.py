from . import dealer_marketing_application
