from . import training_material
