from . import slide_channel
from . import slide_channel_partner
