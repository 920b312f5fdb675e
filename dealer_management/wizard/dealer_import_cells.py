"""The sheets and columns of the go-live import (上线导入), and the reading of one cell.

A cell that cannot be read raises ``RowError(column, message)``: the import names the sheet, the row and the
column's label in the user's language with the message.
"""
import re
from datetime import date, datetime

from odoo import _, fields
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

SHEETS = (
    ("dealers", _lt("Dealers")),
    ("contacts", _lt("Contacts")),
    ("contracts", _lt("Contracts")),
    ("targets", _lt("Targets")),
    ("rebate_tiers", _lt("Rebate Tiers")),
    ("stock", _lt("Opening Stock")),
)

COLUMNS = {
    "dealers": (
        ("code", _lt("Dealer code")),
        ("name", _lt("Company name")),
        ("credit_code", _lt("Unified social credit code")),
        ("street", _lt("Street")),
        ("city", _lt("City")),
        ("province", _lt("Province")),
        ("phone", _lt("Phone")),
        ("email", _lt("Email")),
        ("grade", _lt("Grade")),
        ("territories", _lt("Territory codes")),
        ("parent_code", _lt("Parent distributor code")),
        ("status", _lt("Dealer status")),
        ("dealer_since", _lt("Dealer since")),
        ("credit_limit", _lt("Credit limit")),
        ("payment_terms", _lt("Payment terms")),
        ("salesperson", _lt("Salesperson login")),
    ),
    "contacts": (
        ("dealer_code", _lt("Dealer code")),
        ("name", _lt("Contact name")),
        ("function", _lt("Job position")),
        ("email", _lt("Email")),
        ("phone", _lt("Phone")),
        ("mobile", _lt("Mobile")),
        ("portal_access", _lt("Portal access")),
    ),
    "contracts": (
        ("reference", _lt("Contract reference")),
        ("dealer_code", _lt("Dealer code")),
        ("date_start", _lt("Start date")),
        ("date_end", _lt("End date")),
        ("territories", _lt("Territory codes")),
        ("credit_limit", _lt("Credit limit")),
        ("deposit_amount", _lt("Deposit")),
        ("deposit_received", _lt("Deposit held")),
        ("status", _lt("Contract status")),
    ),
    "targets": (
        ("contract_reference", _lt("Contract reference")),
        ("period", _lt("Period")),
        ("date_start", _lt("Period start")),
        ("amount", _lt("Target amount")),
        ("quantity", _lt("Target quantity")),
        ("category", _lt("Product category")),
    ),
    "rebate_tiers": (
        ("contract_reference", _lt("Contract reference")),
        ("achievement_min", _lt("From achievement (%)")),
        ("rebate_percent", _lt("Rebate (%)")),
        ("fixed_bonus", _lt("Fixed bonus")),
    ),
    "stock": (
        ("dealer_code", _lt("Dealer code")),
        ("date", _lt("Stock date")),
        ("product_code", _lt("Product code")),
        ("quantity", _lt("Quantity")),
        ("lot_name", _lt("Serial/VIN")),
    ),
}

REQUIRED = {
    "dealers": ("code", "name", "credit_code"),
    "contacts": ("dealer_code", "name"),
    "contracts": ("reference", "dealer_code", "date_start", "date_end"),
    "targets": ("contract_reference", "date_start", "amount"),
    "rebate_tiers": ("contract_reference", "achievement_min"),
    "stock": ("dealer_code", "date", "product_code", "quantity"),
}

# the example line of each sheet in the downloadable template
EXAMPLES = {
    "dealers": {
        "code": "D0001", "name": "杭州示例汽车销售有限公司", "credit_code": "91330100MA27XXXX0X", "city": "杭州市",
        "province": "浙江", "phone": "0571-88880000", "grade": "A", "territories": "ZJ-HZ", "status": "active",
        "dealer_since": "2020-01-01", "credit_limit": 500000, "payment_terms": "30 Days",
    },
    "contacts": {
        "dealer_code": "D0001", "name": "张三", "function": "总经理", "email": "zhangsan@example.com",
        "mobile": "13800000000", "portal_access": "yes",
    },
    "contracts": {
        "reference": "HT-2026-0001", "dealer_code": "D0001", "date_start": "2026-01-01", "date_end": "2026-12-31",
        "deposit_amount": 50000, "deposit_received": "yes", "status": "active",
    },
    "targets": {"contract_reference": "HT-2026-0001", "period": "month", "date_start": "2026-01-01", "amount": 100000},
    "rebate_tiers": {"contract_reference": "HT-2026-0001", "achievement_min": 100, "rebate_percent": 2},
    "stock": {"dealer_code": "D0001", "date": "2026-01-01", "product_code": "P001", "quantity": 10},
}

YES = {"1", "y", "yes", "true", "x", "是", "有", "开通", "√"}
NO = {"", "0", "n", "no", "false", "否", "无", "不开通"}
LIST_SEPARATORS = re.compile(r"[,;，；、\s]+")


class RowError(Exception):
    """A cell of the row that cannot be loaded: ``column`` (key, or None for the whole row) and the message."""

    def __init__(self, column, message):
        super().__init__(message)
        self.column = column
        self.message = message


def text(row, key, required=False):
    """The cell as stripped text ("" when empty); RowError when ``required`` and empty."""
    value = row.get(key)
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code typed as a number in Excel
    value = "" if value is None else str(value).strip()
    if required and not value:
        raise RowError(key, _("This cell is required."))
    return value


def number(row, key, required=False, minimum=0.0):
    """The cell as a number (0.0 when empty and not required); RowError when it is not one or below ``minimum``."""
    value = row.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RowError(key, _("This cell is required."))
        return 0.0
    try:
        result = float(str(value).replace(",", "").strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise RowError(key, _("%(value)s is not a number.", value=value)) from None
    if minimum is not None and result < minimum:
        raise RowError(key, _("%(value)s is below %(minimum)s.", value=value, minimum=minimum))
    return result


def day(row, key, required=False):
    """The cell as a date (an Excel date, or text as 2026-01-31 or 2026/1/31); None when empty."""
    value = row.get(key)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    value = text(row, key, required)
    if not value:
        return None
    try:
        return fields.Date.to_date(value.replace("/", "-").replace(".", "-")[:10])
    except ValueError:
        parts = value.replace("/", "-").replace(".", "-").split("-")
        try:
            return date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
        except (ValueError, IndexError):
            raise RowError(key, _("%(value)s is not a date: write it as 2026-01-31.", value=value)) from None


def boolean(row, key):
    """The cell as yes/no (是/否, 1/0, true/false, empty is no)."""
    value = text(row, key).lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise RowError(key, _("%(value)s is neither yes nor no.", value=value))


def codes(row, key):
    """The codes listed in the cell, separated by commas, semicolons, 、 or spaces."""
    return [code for code in LIST_SEPARATORS.split(text(row, key)) if code]


def selection(env, row, key, field, default):
    """The key of a value of the Selection ``field`` written as its key or its label in English or any installed
    language; ``default`` when empty."""
    value = text(row, key)
    if not value:
        return default
    wanted = value.lower()
    langs = {"en_US", *(code for code, _name in env["res.lang"].get_installed())}
    for lang in langs:
        for option, label in field._description_selection(env(context=dict(env.context, lang=lang))):
            if wanted in (option, str(label).lower()):
                return option
    options = field._description_selection(env)
    raise RowError(key, _(
        "%(value)s is not one of %(options)s.", value=value, options=", ".join(label for _o, label in options),
    ))
