from . import portal
from . import relations
from . import ordering
