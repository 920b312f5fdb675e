"""Demo data of dealer_business_review and dealer_meeting: the last quarter's business reviews (one held, with its
minutes and agreed actions) and a dealer conference with its invitations.

Called from demo.py after the assessment (the reviews show the last approved scorecard). Everything goes through
the models' own jobs and buttons, as the Dealer Manager; dates are relative to ``today``.
"""
from datetime import datetime, time

from odoo import Command

from demo_util import add_days, log

MINUTES = (
    "<p>回顾上季度经营情况：销售额与目标对比、回款与逾期、渠道库存及客户投诉。</p>"
    "<p>经销商反映新车型到货偏晚，影响了季度末的销售；公司将提前一个月下达下季度的订货计划。</p>"
    "<p>双方商定以下改进事项，由业务员每月跟进。</p>"
)
# (action, owner, days from today to its deadline, done)
ACTIONS = [
    ("清理超过 90 天的库存车辆，月底前完成", "dealer", -10, True),
    ("增聘两名销售顾问并参加公司的产品培训", "dealer", 45, False),
    ("提前一个月下达下季度订货计划", "company", 20, False),
]
CONFERENCE = {
    "name": "年度经销商大会",
    "days_ahead": 30,
    "hours": 8,
}


def load_business_reviews(menv, today):
    """The daily job prepares the last quarter's reviews of every active dealer; the first one is held with its
    minutes and three agreed actions (one done)."""
    Review = menv["dealer.business.review"]
    Review._cron_prepare_reviews()
    reviews = Review.search([("state", "=", "draft")], order="sales_amount desc, id")
    if not reviews:
        log("business reviews: no active dealer to review")
        return
    review = reviews[0]
    review.write({
        "date": add_days(today, -3),
        "location": f"{review.partner_id.city or ''}{review.partner_id.name}会议室",
        "attendee_ids": [Command.set((review.partner_id.child_ids[:1] | review.user_id.partner_id).ids)],
    })
    review.action_hold()
    review.write({
        "minutes": MINUTES,
        "action_ids": [Command.create({
            "name": name, "owner": owner, "date_deadline": add_days(today, days),
        }) for name, owner, days, _done in ACTIONS],
    })
    for action, (_name, _owner, _days, done) in zip(review.action_ids, ACTIONS, strict=True):
        if done:
            action.action_done()
    log(f"business reviews: {len(reviews)} prepared for {review.quarter}, {review.name} held with "
        f"{len(review.action_ids)} agreed actions")


def load_meeting(menv, grades, today):
    """A dealer conference in a month, to which the dealers of the two best grades are invited."""
    best_grades = sorted(grades.values(), key=lambda grade: grade.sequence)[:2]
    begin = datetime.combine(add_days(today, CONFERENCE["days_ahead"]), time(1, 30))  # 09:30 in Shanghai
    meeting = menv["event.event"].create({
        "name": CONFERENCE["name"],
        "event_type_id": menv.ref("dealer_meeting.event_type_dealer_meeting").id,
        "date_begin": begin,
        "date_end": begin.replace(hour=begin.hour + CONFERENCE["hours"]),
        "dealer_invite_grade_ids": [Command.set([grade.id for grade in best_grades])],
    })
    if meeting._dealer_meeting_invitees():
        meeting.action_dealer_invite()
    log(f"dealer meeting: {meeting.name}, {meeting.dealer_invited_count} dealers invited")


def load_business_review(menv, grades, today):
    """The business reviews, then the dealer conference."""
    load_business_reviews(menv, today)
    load_meeting(menv, grades, today)
