from . import html, period, xlsx, xmlids
