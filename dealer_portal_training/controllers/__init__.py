from . import training
