from . import event_event
from . import event_type
