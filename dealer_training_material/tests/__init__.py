from . import test_training_material
