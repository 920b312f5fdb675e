from . import portal
from . import training
from . import relations
