from . import test_portal_training
from . import test_portal_relations
