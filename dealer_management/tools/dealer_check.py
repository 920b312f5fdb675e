"""The record of one dealer order check, as ``sale.order._dealer_checks()`` lists them."""
from collections.abc import Callable
from typing import NamedTuple


class DealerCheck(NamedTuple):
    """One dealer order check, as ``sale.order._dealer_checks()`` lists it."""

    name: str  # the key of its failures ({check: [messages]}), of the violations' and the demo's check kinds
    switch: str | None  # the dealer.grade Boolean field switching it on; None: always checked
    method: Callable  # the bound method returning the refusal messages (none when the order passes)
    label: str  # translated label, shown before each failure message
