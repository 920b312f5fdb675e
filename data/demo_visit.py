"""Demo data of dealer_visit: visits in every state, with photos and one far-away check-in; the next visits planned.

Called from demo.py after the service data. Dates are relative to `today`: the done visits fall in the last weeks,
the visit in progress is today's, the next visits are where the daily job plans them (each grade's interval after
the dealer's last check-in, today for a dealer never visited), spread over the day as a route. Everything goes
through the visits' own buttons as the Dealer Manager (the dealers' salesperson in the demo); only the check-in and
check-out times of the past visits are moved back to their day afterwards, since the buttons stamp the present.
"""
import struct
import zlib
from datetime import datetime, time, timedelta

import pytz

from odoo import Command

from demo_util import add_days, log

# the dealers' shops, near their city centres (latitude, longitude)
CITY_POSITIONS = {
    "杭州市": (30.2741, 120.1551), "南京市": (32.0603, 118.7969), "广州市": (23.1291, 113.2644),
    "北京市": (39.9042, 116.4074), "上海市": (31.2304, 121.4737), "宁波市": (29.8683, 121.5440),
    "温州市": (27.9938, 120.6994), "苏州市": (31.2989, 120.5853), "无锡市": (31.4912, 120.3119),
    "深圳市": (22.5431, 114.0579), "佛山市": (23.0215, 113.1214), "福州市": (26.0745, 119.2965),
    "厦门市": (24.4798, 118.0894), "济南市": (36.6512, 117.1201), "青岛市": (36.0671, 120.3826),
    "石家庄市": (38.0428, 114.5149), "唐山市": (39.6309, 118.1802),
}
NEAR = (0.0012, 0.0008)  # a check-in in the shop's street: about 150 m away
FAR = (0.27, 0.0)  # a check-in 30 km away, flagged
# the visits done: dealer key, days ago, {checklist point sequence: note of a "no"}, finding (name, what the dealer
# must do, days to its deadline from the visit, what became of it) or None, checked in far away
DONE_VISITS = [
    ("D01", 21, {30: "瑞泽E5 两台展示机无价签"},
     ("瑞泽E5 展示机价签缺失", "三天内补齐全部展示机型的价签，按建议零售价标示", 7, "closed"), False),
    ("D02", 14, {20: "门头灯箱破损"},
     ("门头 POSM 物料破损", "更换门头灯箱，地贴按新版陈列手册铺设", 10, "answered"), False),
    ("D06", 9, {40: "主通道有竞品促销堆头"},
     ("竞品堆头占用主通道", "撤除竞品堆头，恢复瑞泽主推机型陈列", 14, "open"), True),
    ("D05", 40, {}, None, False),
]
DEALER_ANSWER = "已更换门头灯箱，地贴已按新版陈列手册铺设，见照片。"
SUMMARY = "与店长沟通了本季度主推机型与门店陈列要求。"
IN_PROGRESS = "D03"
CANCELLED = ("D08", 5, "经销商临时闭店盘点，改期拜访。")
ROUTE_START, ROUTE_STEP = 9, timedelta(minutes=75)  # today's route: from 9:00, a visit every 75 minutes
TZ = pytz.timezone("Asia/Shanghai")


def png(rgb, size=8):
    """A small solid-colour PNG: enough for a photo of the demo."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    row = b"\x00" + bytes(rgb) * size
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * size)) + chunk(b"IEND", b""))


def _utc(day, hour, minute=0):
    """``hour:minute`` of ``day`` in Shanghai, as Odoo stores it (naive UTC)."""
    return TZ.localize(datetime.combine(day, time(hour, minute))).astimezone(pytz.UTC).replace(tzinfo=None)


def setup_visits(menv, dealers):
    """The grades' visit plan (core monthly, the others quarterly) and the shops' positions."""
    for grade in menv["dealer.grade"].search([]):
        grade.write({"visit_interval": 1 if grade.sequence <= 1 else 3, "visit_interval_unit": "months"})
    for dealer in dealers.values():
        position = CITY_POSITIONS.get(dealer.city)
        if position:
            dealer.write({"partner_latitude": position[0], "partner_longitude": position[1]})


def _photo(visit, name, rgb):
    return Command.create({"name": name, "raw": png(rgb), "mimetype": "image/png",
                           "res_model": "dealer.visit", "res_id": visit.id})


def _done_visit(menv, dealer, day, noes, finding, far):
    """A visit of ``day``: checked in (near, or 30 km away), checklist, photos, finding, checked out."""
    visit = menv["dealer.visit"].create({"dealer_id": dealer.id, "user_id": dealer.user_id.id,
                                         "date_planned": _utc(day, 10)})
    offset = FAR if far else NEAR
    visit.action_check_in(dealer.partner_latitude + offset[0], dealer.partner_longitude + offset[1])
    for line in visit.line_ids:
        line.write({"answer": "no", "note": noes[line.sequence]} if line.sequence in noes else {"answer": "yes"})
    visit.write({"note": SUMMARY, "photo_ids": [_photo(visit, "门店陈列.png", (200, 30, 40)),
                                                 _photo(visit, "价签.png", (240, 200, 60))]})
    if finding:
        name, action, days, _outcome = finding
        menv["dealer.visit.finding"].create({"visit_id": visit.id, "name": name, "action": action,
                                              "deadline": add_days(day, days)})
    visit.action_check_out()
    # the buttons stamp the present: the visit took place on its day, from 10:05 to 11:10
    visit._dealer_trusted().write({"checkin_time": _utc(day, 10, 5), "checkout_time": _utc(day, 11, 10)})
    return visit


def _follow_up(menv, visit, finding):
    """What became of the visit's finding: answered by the dealer on the portal, closed in time, or still open."""
    outcome = finding[3]
    record = visit.finding_ids
    if outcome in ("answered", "closed"):
        photo = menv["ir.attachment"].create({"name": "整改照片.png", "raw": png((40, 160, 80)),
                                              "res_model": "dealer.visit.finding", "res_id": record.id})
        record._dealer_answer(DEALER_ANSWER, photo)
    if outcome == "closed":
        record.action_close()
        record._dealer_trusted().date_closed = add_days(record.deadline, -1)


def load_visits(menv, dealers, today):
    setup_visits(menv, dealers)
    visits = menv["dealer.visit"]
    for key, days_ago, noes, finding, far in DONE_VISITS:
        visit = _done_visit(menv, dealers[key], add_days(today, -days_ago), noes, finding, far)
        if finding:
            _follow_up(menv, visit, finding)
        visits |= visit
    # today's visit in progress: checked in a quarter of an hour ago, two points answered so far
    dealer = dealers[IN_PROGRESS]
    current = menv["dealer.visit"].create({
        "dealer_id": dealer.id, "user_id": dealer.user_id.id,
        "date_planned": datetime.now().replace(microsecond=0) - timedelta(minutes=20),
    })
    current.action_check_in(dealer.partner_latitude + NEAR[0], dealer.partner_longitude + NEAR[1])
    current.line_ids[:2].write({"answer": "yes"})
    key, days_ago, reason = CANCELLED
    cancelled = menv["dealer.visit"].create({"dealer_id": dealers[key].id, "user_id": dealers[key].user_id.id,
                                             "date_planned": _utc(add_days(today, -days_ago), 14)})
    cancelled.action_cancel()
    cancelled.message_post(body=reason)
    # the daily job plans the next visits; today's become a route through the day
    planned = menv["dealer.visit"]._cron_plan_visits()
    route = planned.filtered(lambda v: v.date_planned.date() <= today).sorted(lambda v: v.dealer_id.dealer_code or "")
    for index, visit in enumerate(route):
        visit.date_planned = _utc(today, ROUTE_START) + index * ROUTE_STEP
    far = visits.filtered("checkin_far")
    log(f"visits: {len(visits)} done ({len(far)} checked in far away, {far.checkin_distance:.1f} km), 1 in progress, "
        f"1 cancelled, {len(planned)} planned ({len(route)} on today's route)")
    return visits | current | cancelled | planned
