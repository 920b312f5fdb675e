from . import dealer_portal_document
from . import dealer_complaint
from . import dealer_feedback
from . import dealer_announcement
from . import dealer_termination
from . import dealer_stock_report
from . import dealer_stock_report_file
from . import dealer_application
