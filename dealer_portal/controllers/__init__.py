from . import portal
from . import relations
