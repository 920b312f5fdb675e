from . import test_training
from . import test_satisfaction
from . import test_announcement
from . import test_complaint
from . import test_feedback
