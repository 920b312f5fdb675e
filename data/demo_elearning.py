"""Demo data of the eLearning bridge (dealer_elearning, issue 19): a course for the core and regular dealers' sales
advisers, a walk-around document and the certification exam of the staff qualification as its quiz; the two
advisers who passed the exam have completed the course (their passing answer is the course's certification
attempt), the one still to certify is half-way.

Called from demo.py when dealer_elearning is installed, after demo_people (the exam and the advisers exist). The
Dealer Manager enrolls by grade; the advisers' progress is theirs, written as superuser as their exam answers are.
"""
from odoo import Command

from demo_util import log

COURSE = {
    "name": "瑞泽新品销售顾问课程",
    "description": "<p>新品卖点、能效标识与安装服务规范：看完产品讲解后参加认证考试，60分及格。</p>",
}
WALK_AROUND = "变频空调与洗碗机产品讲解"
GRADE_CODES = ["CORE", "REGULAR"]


def load_elearning(menv, grades):
    """The course by grade, its two lessons (a document, the exam as certification), the advisers' progress."""
    requirement = menv["dealer.staff.requirement"].search([], order="id", limit=1)
    exam = requirement.survey_id
    course = menv["slide.channel"].sudo().create({
        **COURSE,
        "visibility": "members",
        "enroll": "invite",
        "is_published": True,
        "dealer_grade_ids": [Command.set([grades[code].id for code in GRADE_CODES])],
        "slide_ids": [
            Command.create({"name": WALK_AROUND, "slide_category": "document", "is_published": True, "sequence": 1}),
            Command.create({"name": exam.title, "slide_category": "certification", "survey_id": exam.id,
                            "is_published": True, "sequence": 2}),
        ],
    }).with_env(menv)
    course.action_dealer_enroll()  # the dealers' users of the grades
    lesson, certification = course.slide_ids.sorted("sequence")
    advisers = menv["res.partner"].search([("dealer_staff_position_id", "=", requirement.position_id.id)],
                                          order="id")
    # superuser: the advisers' own progress in the course (they have no user in the demo)
    course.sudo()._action_add_members(advisers)
    SlidePartner = menv["slide.slide.partner"].sudo()
    passed = menv["survey.user_input"].sudo().search([
        ("survey_id", "=", exam.id), ("partner_id", "in", advisers.ids), ("scoring_success", "=", True),
    ])
    certified, in_progress = [], []
    for adviser in advisers:
        answer = passed.filtered(lambda a, p=adviser: a.partner_id == p)
        SlidePartner.create({"slide_id": lesson.id, "channel_id": course.id, "partner_id": adviser.id,
                             "completed": True})
        if answer:
            attempt = SlidePartner.create({"slide_id": certification.id, "channel_id": course.id,
                                           "partner_id": adviser.id, "completed": True})
            answer.write({"slide_id": certification.id, "slide_partner_id": attempt.id})
            certified.append(adviser.name)
        else:
            in_progress.append(adviser.name)
    log(f"eLearning: course {course.name}, certified: {', '.join(certified)}; in progress: {', '.join(in_progress)}")
    return course
