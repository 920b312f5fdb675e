"""Dealers, their applications and their lifecycle (grade change, suspension, termination) for the demo.

Everything goes through the addon's own methods, run as the Dealer Manager (`menv`).
"""
import hashlib

from odoo import Command

import demo_tables as T
from demo_util import add_days, credit_code, log, tiny_pdf

MAILBOX_BY_FUNCTION = {"采购总监": "purchase", "采购经理": "purchase", "总经理": "gm", "财务经理": "finance",
                  "店长": "store", "订货专员": "order"}


def _mobile(seed):
    """A plausible Chinese mobile number (deterministic from a seed)."""
    digits = f"{int(hashlib.md5(seed.encode('utf-8')).hexdigest(), 16) % 10**8:08d}"
    return f"+86 139 {digits[:4]} {digits[4:]}"


# ---------------------------------------------------------------- dealers
def create_dealers(menv, grades, territories, manager):
    """Register every dealer of the table as a prospect with a contact, then grade it and assign its territory
    (and distributor) through the wizards, as a Dealer Manager does."""
    Partner = menv["res.partner"]
    dealers = {}
    for (key, name, grade, territory, street, city, state, division, contact, phone, domain, years, parent,
         _status) in T.DEALERS:
        reason = f"签约评级：{grades[grade].name}" if years else f"意向评级：{grades[grade].name}"
        dealer = Partner.create({
            "name": name,
            "is_company": True,
            "is_dealer": True,
            "street": street,
            "city": city,
            "state_id": menv.ref(f"base.state_cn_{state}").id,
            "country_id": menv.ref("base.cn").id,
            "phone": phone,
            "email": f"sales@{domain}",
            "website": f"https://www.{domain}",
            "vat": credit_code(division, name),
            "user_id": manager.id,
            "lang": "zh_CN",
            "child_ids": [Command.create({
                "type": "contact",
                "name": contact[0],
                "function": contact[1],
                "phone": phone,
                "mobile": _mobile(name + contact[0]),
                "email": f"{MAILBOX_BY_FUNCTION.get(contact[1], 'contact')}@{domain}",
            })],
        })
        menv["dealer.grade.change.wizard"].create({
            "partner_id": dealer.id, "new_grade_id": grades[grade].id, "reason": reason,
        }).action_apply()
        menv["dealer.territory.assign.wizard"].create({
            "partner_id": dealer.id,
            "territory_ids": [Command.set(territories[territory].ids)],
            "parent_dealer_id": dealers[parent].id if parent else False,
            "reason": "签约区域" if years else "意向区域",
        }).action_apply()
        dealers[key] = dealer
    log(f"dealers created: {len(dealers)}")
    return dealers


def activate_dealers(menv, dealers, today):
    """Activate the established dealers (addon method) and date their start and first grade back."""
    established = [row for row in T.DEALERS if row[-1] in ("active", "suspended", "terminated")]
    for row in established:
        key, years = row[0], row[11]
        dealer = dealers[key].with_env(menv)
        dealer.action_dealer_activate()
        since = add_days(today, -int(365 * years) - 30 * (int(key[1:]) % 5))
        # sudo: the demo imports dealers signed years ago; their start date is history, not a lifecycle step
        dealer.sudo().dealer_since = since
        # sudo: the history is append-only for users; the demo back-dates the first line to the start date
        dealer.dealer_grade_history_ids.sudo().write({"date": since})
        # chatter content typed by the company's staff, in Chinese: data, not a term to translate
        dealer.message_post(body=f"经销商资格自 {since:%Y年%m月%d日} 起生效（历史签约导入）。")  # pylint: disable=translation-required
    log(f"dealers activated: {len(established)}")


def add_portal_contact(env, dealers):
    """The contact person of a core dealer who will order through the portal."""
    dealer = dealers[T.PORTAL_DEALER]
    domain = dealer.email.split("@")[1]
    name, function, mobile = T.PORTAL_CONTACT
    vals = {
        "type": "contact", "parent_id": dealer.id, "name": name, "function": function,
        "mobile": mobile, "phone": dealer.phone, "email": f"order@{domain}", "lang": "zh_CN",
    }
    if "dealer_portal_role" in env["res.partner"]._fields:  # dealer_portal: the owner sees the finances too
        vals["dealer_portal_role"] = "owner"
    return env["res.partner"].create(vals)


# ---------------------------------------------------------------- lifecycle after the sales history
def change_grade(menv, dealers, grades):
    """Promote one dealer through the grade change wizard (reason kept in the history)."""
    key, grade_code, reason = T.GRADE_CHANGE
    wizard = menv["dealer.grade.change.wizard"].create({
        "partner_id": dealers[key].id, "new_grade_id": grades[grade_code].id, "reason": reason,
    })
    wizard.action_apply()
    log(f"grade change: {dealers[key].name} → {grades[grade_code].name}")


def suspend_dealers(menv, dealers):
    """Suspend the dealers with overdue payments or channel conflicts, saying why in their chatter."""
    for key, reason in T.SUSPENSIONS.items():
        dealer = dealers[key].with_env(menv)
        dealer.action_dealer_suspend()
        dealer.message_post(body=f"暂停原因：{reason}")  # pylint: disable=translation-required
    log(f"dealers suspended: {len(T.SUSPENSIONS)}")


def terminate_dealer(menv, dealers, today):
    """Terminate one dealer through a dealer.termination (confirmed and executed)."""
    key, reason_code, reason = T.TERMINATION
    termination = menv["dealer.termination"].create({
        "partner_id": dealers[key].id,
        "reason_code": reason_code,
        "reason": reason,
        "request_date": add_days(today, -20),
        "effective_date": today,
    })
    termination.action_confirm()
    termination.action_execute()
    log(f"dealer terminated: {dealers[key].name} ({termination.name})")
    return termination


# ---------------------------------------------------------------- applications
def _attach_documents(menv, application, lines):
    """Attach a tiny file to each of these document lines."""
    for line in lines:
        title = line.document_type_id.name
        attachment = menv["ir.attachment"].create({
            "name": f"{application.company_name}-{title}.pdf",
            "raw": tiny_pdf(f"{application.company_name} {title}"),
            "mimetype": "application/pdf",
            "res_model": "dealer.application.document",
            "res_id": line.id,
        })
        line.attachment_ids = [Command.link(attachment.id)]


def _score(application, scores):
    for line in application.criterion_ids:
        if line.criterion_id.code in scores:
            line.score = scores[line.criterion_id.code]


def create_applications(menv, grades, territories, dealers, manager):
    """Applications at every stage: draft, submitted, under review, approved, rejected."""
    applications = {}
    for row in T.APPLICATIONS:
        capital, years, outlets, staff, warehouse, turnover = row["figures"]
        partner = dealers.get(row.get("partner"))
        application = menv["dealer.application"].create({
            "company_name": row["company"],
            "credit_code": partner.vat if partner else credit_code(row["division"], row["company"]),
            "legal_representative": row["legal"],
            "registered_capital": capital,
            "years_in_business": years,
            "outlet_count": outlets,
            "staff_count": staff,
            "warehouse_area": warehouse,
            "annual_turnover": turnover,
            "sales_network": row["network"],
            "street": row["street"],
            "city": row["city"],
            "state_id": menv.ref(f"base.state_cn_{row['province']}").id,
            "country_id": menv.ref("base.cn").id,
            "contact_name": row["contact"],
            "phone": row["phone"],
            "email": row["email"],
            "proposed_grade_id": grades[row["grade"]].id,
            "proposed_territory_ids": [Command.set([territories[code].id for code in row["territories"]])],
            "partner_id": partner.id if partner else False,
            "user_id": manager.id,
        })
        applications[row["key"]] = application
        _advance_application(menv, application, row)
    states = ", ".join(f"{a.name} {a.state}" for a in applications.values())
    log(f"applications: {states}")
    return applications


def _advance_application(menv, application, row):
    """Walk one application to its target stage with the addon's workflow methods."""
    target = row["state"]
    required = application.document_ids.filtered("required")
    if target == "draft":
        _attach_documents(menv, application, required[:1])  # the business licence already uploaded
        return
    _attach_documents(menv, application, required if target in ("approved", "review") else required[:2])
    application.action_submit()
    if target == "submitted":
        return
    application.action_start_review()
    _score(application, row.get("scores", {}))
    if target == "approved":
        application.action_approve()
    elif target == "rejected":
        wizard = menv["dealer.application.reject.wizard"].create({
            "application_id": application.id, "reason": row["reason"],
        })
        wizard.action_confirm()
