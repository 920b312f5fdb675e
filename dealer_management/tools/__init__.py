from . import dealer_check, html, period, xlsx, xmlids
