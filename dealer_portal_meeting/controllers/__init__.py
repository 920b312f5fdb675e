from . import meeting
