from . import test_portal_training_material
