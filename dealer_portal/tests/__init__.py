from . import test_portal_relations
