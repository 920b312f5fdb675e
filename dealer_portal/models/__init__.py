from . import dealer_portal_document
from . import dealer_complaint
from . import dealer_feedback
from . import dealer_announcement
from . import dealer_termination
