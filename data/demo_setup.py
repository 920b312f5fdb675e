"""Company, chart of accounts, settings, users, grades, territories, products and stock of the demo."""
import base64
import io

from PIL import Image, ImageDraw, ImageFont

from odoo import Command
from odoo.exceptions import AccessDenied
from odoo.tools.misc import file_path

import demo_tables as T
from demo_util import add_days, credit_code, log, months_back


# ---------------------------------------------------------------- company & accounting
def setup_company(env):
    """The manufacturer: address in Hangzhou, China, in CNY (set before any accounting entry)."""
    cny = env.ref("base.CNY")
    if not cny.active:
        cny.active = True
    company = env.company
    company.write({
        "name": T.COMPANY["name"],
        "street": T.COMPANY["street"],
        "street2": T.COMPANY["street2"],
        "city": T.COMPANY["city"],
        "zip": T.COMPANY["zip"],
        "state_id": env.ref(T.COMPANY["state"]).id,
        "country_id": env.ref("base.cn").id,
        "phone": T.COMPANY["phone"],
        "email": T.COMPANY["email"],
        "website": T.COMPANY["website"],
        "vat": credit_code(T.COMPANY["division"], T.COMPANY["name"]),
        "currency_id": cny.id,
        "logo": base64.b64encode(company_logo()),  # the portal, the back office and the PDFs show it
    })
    if not company.external_report_layout_id:  # PDFs print with the logo at once, no layout wizard first
        company.external_report_layout_id = env.ref("web.external_layout_standard")
    # activating CNY next to USD turned multi-currency (and pricelists) on: a default pricelist in USD appeared
    env["product.pricelist"].search([("company_id", "in", [company.id, False]),
                                     ("currency_id", "!=", cny.id)]).write({"currency_id": cny.id})
    log(f"company {company.name} ({company.currency_id.name})")
    return company


def _font(size):
    """Lato Black from Odoo's web addon (read at load time, nothing third-party committed), else Pillow's own."""
    try:
        return ImageFont.truetype(file_path("web/static/fonts/lato/Lato-Bla-webfont.ttf"), size)
    except OSError:
        return ImageFont.load_default()


def company_logo():
    """The demo company's logo as PNG bytes, drawn here: a blue badge with "RZ", then "RUIZE" and a tagline."""
    blue, dark = (0, 94, 170), (20, 40, 80)
    image = Image.new("RGBA", (520, 140), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((10, 10, 130, 130), radius=26, fill=blue)
    draw.arc((28, 28, 112, 112), start=200, end=340, fill=(255, 255, 255), width=6)  # a wave: air and water
    draw.text((70, 82), "RZ", font=_font(46), fill=(255, 255, 255), anchor="mm")
    draw.text((150, 58), T.COMPANY["brand"], font=_font(64), fill=dark, anchor="lm")
    draw.text((153, 108), T.COMPANY["tagline"], font=_font(22), fill=blue, anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def setup_chart(env):
    """Install the Chinese chart of accounts (l10n_cn, 小企业会计准则); fall back to the generic one."""
    company = env.company
    if company.chart_template == "cn":
        return "cn"
    try:
        # installs l10n_cn when needed: the registry is rebuilt and the global env reset to it
        env["account.chart.template"].try_loading("cn", company, install_demo=False)
        chart = "cn"
    except Exception as error:  # noqa: BLE001 - any failure means: keep a working generic chart
        log(f"l10n_cn chart could not be loaded ({error}); using the generic chart")
        env.cr.rollback()
        if env.company.chart_template != "generic_coa":
            env["account.chart.template"].try_loading("generic_coa", env.company, install_demo=False)
        chart = "generic_coa"
    log(f"chart of accounts: {chart} ({env['account.account'].search_count([])} accounts)")
    return chart


def setup_settings(env):
    """Pricelists and line discounts on (grade prices show as a discount off the list price); no SMS on delivery."""
    env["res.config.settings"].create({
        "group_product_pricelist": True,
        "group_discount_per_so_line": True,
        "stock_move_sms_validation": False,
    }).execute()


# ---------------------------------------------------------------- users
def setup_users(env):
    """The Dealer Manager back-office user; the admin in Chinese."""
    data = T.USERS["manager"]
    manager = env["res.users"].with_context(no_reset_password=True).create({
        "name": data["name"],
        "login": data["login"],
        "password": data["password"],
        "email": data["email"],
        "lang": "zh_CN",
        "tz": "Asia/Shanghai",
        "company_id": env.company.id,
        "company_ids": [Command.set(env.company.ids)],
        "groups_id": [Command.set([env.ref(xmlid).id for xmlid in T.USER_GROUPS["manager"]])],
    })
    admin = env.ref("base.user_admin")
    admin.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
    if not _password_is(admin, "admin"):  # writing it anyway would queue a "password changed" e-mail
        admin.password = "admin"
    log(f"users: {manager.login}, {admin.login}")
    return manager


def _password_is(user, password):
    try:
        user.with_user(user)._check_credentials({"type": "password", "password": password}, {"interactive": False})
    except AccessDenied:
        return False
    return True


def setup_portal_user(env, contact):
    """The portal login of a dealer's contact person."""
    data = T.USERS["portal"]
    user = env["res.users"].with_context(no_reset_password=True).create({
        "name": contact.name,
        "login": data["login"],
        "password": data["password"],
        "partner_id": contact.id,
        "lang": "zh_CN",
        "tz": "Asia/Shanghai",
        "company_id": env.company.id,
        "company_ids": [Command.set(env.company.ids)],
        "groups_id": [Command.set([env.ref(xmlid).id for xmlid in T.USER_GROUPS["portal"]])],
    })
    log(f"portal user {user.login} for {contact.commercial_partner_id.name} / {contact.name}")
    return user


# ---------------------------------------------------------------- grades & territories
def _document_types(menv, names):
    """The dealer.document.type records of these names (created when the addon does not provide them)."""
    DocType = menv["dealer.document.type"].with_context(lang="en_US")
    types = DocType.browse()
    for sequence, name in enumerate(names, start=1):
        doc_type = DocType.search([("name", "=", name)], limit=1) or DocType.create(
            {"name": name, "sequence": sequence * 10})
        types |= doc_type
    return types


def setup_grades(menv):
    """Three grades, each with its own pricelist, payment terms, credit limit, rebate, target, documents."""
    grades = {}
    for row in T.GRADES:
        pricelist = menv["product.pricelist"].create({
            "name": f"{row['name']}价格表（{(100 - row['discount']) / 10:g}折）",
            "currency_id": menv.company.currency_id.id,
            "company_id": menv.company.id,
            "item_ids": [Command.create({
                "applied_on": "3_global",
                "compute_price": "percentage",
                "percent_price": row["discount"],
            })],
        })
        grades[row["code"]] = menv["dealer.grade"].create({
            "name": row["name"],
            "code": row["code"],
            "sequence": row["sequence"],
            "description": row["description"],
            "pricelist_id": pricelist.id,
            "payment_term_id": menv.ref(row["payment_term"]).id,
            "credit_limit": row["credit_limit"],
            "rebate_percent": row["rebate_percent"],
            "min_annual_target": row["min_annual_target"],
            "min_application_score": row["min_application_score"],
            "document_type_ids": [Command.set(_document_types(menv, row["documents"]).ids)],
        })
    log(f"grades: {', '.join(f'{g.code} {g.name}' for g in grades.values())}")
    return grades


def setup_territories(menv):
    """Regions → provinces → cities; some cities exclusive (独家代理)."""
    Territory = menv["dealer.territory"]
    territories = {}
    for region_code, region_name, provinces in T.TERRITORIES:
        region = Territory.create({"name": region_name, "code": region_code, "level": "region"})
        territories[region_code] = region
        for province_code, province_name, state_xmlid, cities in provinces:
            province = Territory.create({
                "name": province_name, "code": province_code, "level": "province", "parent_id": region.id,
                "state_id": menv.ref(state_xmlid).id,
            })
            territories[province_code] = province
            for city_code, city_name, exclusive in cities:
                territories[city_code] = Territory.create({
                    "name": city_name, "code": city_code, "level": "city", "parent_id": province.id,
                    "city": city_name, "is_exclusive": exclusive,
                })
    log(f"territories: {len(territories)} ({sum(1 for t in territories.values() if t.is_exclusive)} exclusive)")
    return territories


# ---------------------------------------------------------------- products & stock
def setup_products(env, today):
    """The appliance catalogue (storable goods) and its opening stock in the main warehouse."""
    all_categ = env.ref("product.product_category_all")
    parent = env["product.category"].create({"name": "家用电器", "parent_id": all_categ.id})
    categories = {name: env["product.category"].create({"name": name, "parent_id": parent.id})
                  for name in T.CATEGORIES}
    products = env["product.product"]
    for code, name, categ, price, cost, _qty in T.PRODUCTS:
        template = env["product.template"].create({
            "name": name,
            "default_code": code,
            "categ_id": categories[categ].id,
            "type": "consu",
            "is_storable": True,
            "invoice_policy": "delivery",
            "list_price": price,
            "standard_price": cost,
            "sale_ok": True,
            "dealer_ok": True,  # in the dealers' portal catalog
            "purchase_ok": True,
            "description_sale": f"{name}，全国联保3年，核心部件保修10年。",
        })
        products |= template.product_variant_id
    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    warehouse.name = "杭州总仓"
    Quant = env["stock.quant"].with_context(inventory_mode=True)
    quants = Quant.browse()
    for product, row in zip(products, T.PRODUCTS, strict=True):
        quants |= Quant.create({
            "product_id": product.id, "location_id": warehouse.lot_stock_id.id, "inventory_quantity": row[5],
        })
    quants.action_apply_inventory()
    # the opening stock was counted before the first order of the history
    opening = add_days(months_back(today, T.HISTORY_MONTHS - 1), -3)
    moves = env["stock.move"].search([("is_inventory", "=", True), ("product_id", "in", products.ids)])
    moves.write({"date": opening})
    moves.move_line_ids.write({"date": opening})
    log(f"products: {len(products)} in {len(categories)} categories, opening stock "
        f"{sum(row[5] for row in T.PRODUCTS)} units in {warehouse.name}")
    return products
