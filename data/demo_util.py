"""Small helpers of the demo data set: progress log, deterministic randomness, credit codes, dates."""
import hashlib
import random
import time
from datetime import date, datetime, timedelta, timezone

from stdnum.cn import uscc

START = time.time()
RNG = random.Random(20260627)  # fixed seed: the same data set on every load

# GB 11714 organisation code: weights of its 8 characters, check character 0-9 or X
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # the USCC alphabet (no I, O, S, V, Z)


def log(message):
    """Print one progress line with the elapsed time."""
    print(f"[demo {time.time() - START:6.1f}s] {message}", flush=True)


def checkpoint(env):
    """Commit the work so far.

    One transaction for the whole history gets slower with every order: each order leaves a few dozen
    pre-commit callbacks (mail tracking...) holding records, hence environments, alive, and every new
    environment scans all live ones (odoo/api.py, Environment.__new__).  A commit runs and drops them.
    A load that fails after a checkpoint leaves partial data: demo.py then refuses to run again.
    """
    env.cr.commit()


def credit_code(division, seed):
    """A valid 统一社会信用代码 (GB 32100-2015) for an enterprise (91) registered in `division`."""
    digest = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    body = "".join(_ORG_ALPHABET[int(digest[i:i + 2], 16) % 10] for i in range(0, 16, 2))
    if digest[16] in "0123":  # some organisation codes start with a letter, as newer ones do
        body = "MA" + body[2:]
    total = sum(int(_ORG_ALPHABET.index(c)) * w for c, w in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    org_check = {10: "X", 11: "0"}.get(check, str(check))
    code17 = f"91{division}{body}{org_check}"
    code = code17 + uscc.calc_check_digit(code17)
    assert uscc.is_valid(code), code
    return code


def months_back(today, months):
    """First day of the month `months` before today's month."""
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(year, month + 1, 1)


def order_datetime(day, hour=None, minute=0):
    """A business-hours timestamp on `day` (random hour when not given), as naive UTC (Asia/Shanghai is UTC+8),
    never later than now: what happened today happened before the load."""
    if hour is None:
        hour, minute = RNG.randint(1, 8), RNG.choice((0, 15, 30, 45))
    now = datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)
    return min(datetime(day.year, day.month, day.day, hour, minute), now)


def add_days(day, days):
    return day + timedelta(days=days)


def tiny_pdf(title):
    """A few bytes that look like a PDF: enough for an attachment of the demo."""
    return b"%PDF-1.4\n% " + title.encode("utf-8") + b"\n%%EOF\n"
