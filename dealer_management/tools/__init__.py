from . import html, period, xlsx
