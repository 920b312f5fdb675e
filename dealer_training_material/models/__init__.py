from . import dealer_training_material
