from . import cart
