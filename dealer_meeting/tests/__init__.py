from . import test_meeting
from . import test_meeting_race
