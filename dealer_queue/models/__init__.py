# the mixin first: the models below inherit it
from . import dealer_queue_mixin
from . import dealer_queue_upload
from . import dealer_import_run
from . import dealer_rebate
from . import queue_job
from . import res_company
from . import res_config_settings
