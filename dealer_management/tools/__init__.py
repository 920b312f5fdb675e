from . import html, xlsx
