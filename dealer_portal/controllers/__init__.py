from . import portal
from . import relations
from . import pages
from . import pages_finance
