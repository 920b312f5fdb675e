from . import test_service_satisfaction
