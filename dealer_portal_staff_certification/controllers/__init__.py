from . import staff_qualification
