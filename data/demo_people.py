"""Demo data of the dealer's people (issue 19): a certification exam with a quiz and its requirement for sales
advisers, two certified advisers and one still to certify, training materials per product and topic, a trainer.

Called from demo.py when dealer_staff_certification / dealer_training_material are installed, after the
relations (the trainings exist). The Dealer Manager configures; the advisers' exam answers are their own public
answers, written as superuser as the satisfaction answers are.
"""
import base64
from datetime import datetime, time, timedelta

from odoo import Command

from demo_util import add_days, log, tiny_pdf

SHANGHAI = timedelta(hours=8)
EXAM = {
    "title": "瑞泽新品销售顾问认证",
    "description": "<p>面向经销商销售顾问：新品卖点、能效标识与安装服务规范。60分及格，认证有效期12个月。</p>",
}
# (question, [(answer, correct)]): each right answer scores 10 points
QUIZ = [
    ("瑞泽变频空调的一级能效标识代表什么？", [("能效比最高的一级", True), ("噪音最低", False), ("价格最高", False)]),
    ("顾客购买空调后，免费安装应在多长时间内预约？", [("48小时内", True), ("一周内", False), ("一个月内", False)]),
    ("新品洗碗机的主要卖点是？", [("高温除菌与节水", True), ("体积最大", False), ("无需接水管", False)]),
]
VALIDITY_MONTHS = 12
# (dealer key, adviser name, days ago the exam was passed, or None: not certified yet)
ADVISERS = [
    ("D01", "陈晓燕", 40),
    ("D02", "刘子豪", 350),  # certified nearly a year ago: expiring soon
    ("D01", "赵明", None),
]
# (title, topic, grade codes or [], file name or None, link or None)
MATERIALS = [
    ("瑞泽品牌与服务规范手册", "culture", [], "brand_service_handbook.pdf", None),
    ("变频空调销售话术与卖点", "product", ["CORE"], "inverter_ac_pitch.pdf", None),
    ("新品洗碗机安装演示视频", "product", [], None, "https://www.ruize-appliances.com.cn/training/dishwasher"),
]


# (name, speciality, qualification) of the company's trainer
TRAINER = ("黄磊", "变频空调与厨电新品、门店销售技巧", "瑞泽认证讲师，8年家电零售培训经验。")


def _utc(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute)) - SHANGHAI


def create_certification(menv):
    """The exam (a certification survey with a three-question quiz) and its requirement for sales advisers."""
    survey = menv["survey.survey"].create({
        **EXAM,
        "scoring_type": "scoring_with_answers",
        "certification": True,
        "scoring_success_min": 60.0,
        "question_and_page_ids": [Command.create({
            "title": question, "question_type": "simple_choice", "sequence": index,
            "suggested_answer_ids": [Command.create({"value": value, "is_correct": correct,
                                                     "answer_score": 10 if correct else 0})
                                     for value, correct in answers],
        }) for index, (question, answers) in enumerate(QUIZ)],
    })
    position = menv.ref("dealer_staff_certification.position_sales_adviser")
    menv["dealer.staff.requirement"].create({
        "position_id": position.id, "survey_id": survey.id, "validity_months": VALIDITY_MONTHS,
    })
    return survey, position


def certify_advisers(menv, senv, dealers, survey, position, today):
    """The advisers of two dealers passed the exam (their public answers); a third one has still to take it."""
    questions = survey.sudo().question_ids.sorted("sequence")
    certified = []
    for key, name, days_ago in ADVISERS:
        adviser = menv["res.partner"].create({
            "name": name, "parent_id": dealers[key].id, "function": "销售顾问",
            "dealer_staff_position_id": position.id,
        })
        if days_ago is None:
            continue
        answer = senv["survey.user_input"].sudo().create({"survey_id": survey.id, "partner_id": adviser.id})
        senv["survey.user_input.line"].sudo().create([{
            "user_input_id": answer.id, "question_id": question.id, "answer_type": "suggestion",
            "suggested_answer_id": question.suggested_answer_ids.filtered("is_correct").id,
        } for question in questions])
        answer._mark_done()
        passed_at = _utc(add_days(today, -days_ago), 10, 30)
        answer.write({"start_datetime": passed_at - timedelta(minutes=12), "end_datetime": passed_at})
        certified.append(f"{name} {answer.scoring_percentage:.0f}%")
    log(f"staff certification: {survey.title}, certified: {', '.join(certified)}")


def create_materials(menv, grades):
    """The training materials library, published to the dealers (one for the core grade only)."""
    Material = menv["dealer.training.material"]
    for title, topic, grade_codes, file_name, url in MATERIALS:
        Material.create({
            "name": title, "topic": topic, "url": url, "file_name": file_name,
            "file": base64.b64encode(tiny_pdf(title)) if file_name else False,
            "grade_ids": [Command.set([grades[code].id for code in grade_codes])],
            "dealer_portal_published": True,
        })
    log(f"training materials: {len(MATERIALS)} published")


def create_trainer(menv):
    """The company's trainer, on the first dealer training of the demo."""
    partner = menv["res.partner"].create({"name": TRAINER[0], "function": "培训讲师",
                                          "parent_id": menv.company.partner_id.id})
    trainer = menv["dealer.trainer"].create({"partner_id": partner.id, "speciality": TRAINER[1],
                                             "qualification": TRAINER[2]})
    training = menv["event.event"].search([("is_dealer_training", "=", True)], order="date_begin", limit=1)
    training.dealer_trainer_ids = trainer
    log(f"trainer: {trainer.name} on {training.name}")


def load_people(menv, senv, dealers, grades, today):
    if "dealer.staff.requirement" in menv:
        survey, position = create_certification(menv)
        certify_advisers(menv, senv, dealers, survey, position, today)
    if "dealer.training.material" in menv:
        create_materials(menv, grades)
    create_trainer(menv)
