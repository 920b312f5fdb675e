from . import test_training
from . import test_trainer
