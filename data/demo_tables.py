"""Data tables of the demo data set: who, where, what (no logic here).

Codes are English; names, people and places are Chinese.  Keys such as "D01" only link the tables together.
"""

COMPANY = {
    "name": "杭州瑞泽家电有限公司",
    "street": "滨江区江南大道3888号",
    "street2": "瑞泽科技园A座",
    "city": "杭州市",
    "zip": "310051",
    "state": "base.state_cn_ZJ",
    "phone": "+86 571 8666 8888",
    "email": "info@ruize-appliances.com.cn",
    "website": "https://www.ruize-appliances.com.cn",
    "division": "330108",
    "brand": "RUIZE",  # on the logo the demo draws (demo_setup.company_logo)
    "tagline": "HOME APPLIANCES",
}

USERS = {
    "manager": {"login": "dealer.manager", "password": "dealer.manager", "name": "王经理",
                "email": "wang.jingli@ruize-appliances.com.cn"},
    "portal": {"login": "dealer.portal", "password": "dealer.portal"},
}
USER_GROUPS = {
    "manager": [
        "base.group_user",
        "dealer_management.group_dealer_manager",
        "sales_team.group_sale_manager",
        "account.group_account_invoice",
        "stock.group_stock_user",
        "survey.group_survey_user",  # sends the dealer satisfaction survey
    ],
    "portal": ["base.group_portal"],
}

# Required qualification documents (dealer.document.type names created by dealer_management's data file)
DOC_LICENCE = "Business licence"
DOC_FINANCIALS = "Financial statements (last 2 years)"
DOC_TAX = "Tax registration / tax payment certificate"
DOC_LEGAL_ID = "Legal representative ID"
DOC_WAREHOUSE = "Warehouse lease or deed"

GRADES = [
    {"code": "CORE", "name": "核心经销商", "sequence": 1, "discount": 30.0,
     "payment_term": "account.account_payment_term_30days",
     "credit_limit": 1000000, "rebate_percent": 3.0, "min_annual_target": 3000000, "min_application_score": 80.0,
     "documents": [DOC_LICENCE, DOC_FINANCIALS, DOC_TAX, DOC_LEGAL_ID, DOC_WAREHOUSE],
     "description": "<p>省级/区域分销商：享受最高折扣、30天账期与3%年度返利，负责发展下级经销商。</p>"},
    {"code": "REGULAR", "name": "一般经销商", "sequence": 2, "discount": 25.0,
     "payment_term": "account.account_payment_term_15days",
     "credit_limit": 300000, "rebate_percent": 2.0, "min_annual_target": 1000000, "min_application_score": 70.0,
     "documents": [DOC_LICENCE, DOC_FINANCIALS, DOC_TAX],
     "description": "<p>地市级经销商：25%折扣、15天账期、2%年度返利。</p>"},
    {"code": "SPECIAL", "name": "特约经销商", "sequence": 3, "discount": 20.0,
     "payment_term": "account.account_payment_term_immediate",
     "credit_limit": 80000, "rebate_percent": 1.0, "min_annual_target": 300000, "min_application_score": 60.0,
     "documents": [DOC_LICENCE, DOC_TAX],
     "description": "<p>县乡级特约网点：20%折扣、款到发货、1%年度返利。</p>"},
]

# region code, name, [(province code, name, state xml id, [(city code, name, exclusive)])]
# Municipalities (上海, 北京) are province-level territories without city children.
TERRITORIES = [
    ("EAST", "华东大区", [
        ("ZJ", "浙江", "base.state_cn_ZJ", [("ZJ-HZ", "杭州市", True), ("ZJ-NB", "宁波市", True),
                                            ("ZJ-WZ", "温州市", False)]),
        ("JS", "江苏", "base.state_cn_JS", [("JS-NJ", "南京市", True), ("JS-SZ", "苏州市", False),
                                            ("JS-WX", "无锡市", False)]),
        ("SH", "上海", "base.state_cn_SH", []),
        ("SD", "山东", "base.state_cn_SD", [("SD-JN", "济南市", False), ("SD-QD", "青岛市", False)]),
    ]),
    ("SOUTH", "华南大区", [
        ("GD", "广东", "base.state_cn_GD", [("GD-GZ", "广州市", True), ("GD-SZ", "深圳市", True),
                                            ("GD-FS", "佛山市", False)]),
        ("FJ", "福建", "base.state_cn_FJ", [("FJ-FZ", "福州市", False), ("FJ-XM", "厦门市", False)]),
    ]),
    ("NORTH", "华北大区", [
        ("BJ", "北京", "base.state_cn_BJ", []),
        ("HE", "河北", "base.state_cn_HE", [("HE-SJZ", "石家庄市", False), ("HE-TS", "唐山市", False)]),
    ]),
]

# key, company name, grade, territory code, street, city, state, division code (USCC), contact (name, function),
# phone, email domain, years as dealer, parent distributor key, final status
DEALERS = [
    ("D01", "杭州瑞丰电器贸易有限公司", "CORE", "ZJ-HZ", "拱墅区莫干山路1108号", "杭州市", "ZJ", "330105",
     ("陈晓峰", "采购总监"), "+86 571 8851 2201", "ruifeng-dq.com", 6, None, "active"),
    ("D02", "南京金陵家电销售有限公司", "CORE", "JS-NJ", "秦淮区中山南路368号", "南京市", "JS", "320104",
     ("李建国", "总经理"), "+86 25 8462 3310", "jinling-jd.com", 5, None, "active"),
    ("D03", "广州粤华电器有限公司", "CORE", "GD-GZ", "天河区天河路385号", "广州市", "GD", "440106",
     ("黄志强", "总经理"), "+86 20 3887 5612", "yuehua-dq.com", 7, None, "active"),
    ("D04", "北京京通家电连锁有限公司", "CORE", "BJ", "朝阳区建国路88号", "北京市", "BJ", "110105",
     ("赵丽华", "采购经理"), "+86 10 6588 3021", "jingtong-jd.com", 4, None, "active"),
    ("D05", "上海浦江电器有限公司", "REGULAR", "SH", "浦东新区张杨路1500号", "上海市", "SH", "310115",
     ("周敏", "总经理"), "+86 21 5836 7788", "pujiang-dq.com", 3, None, "active"),
    ("D06", "宁波甬达电器有限公司", "REGULAR", "ZJ-NB", "鄞州区天童南路588号", "宁波市", "ZJ", "330212",
     ("孙海波", "总经理"), "+86 574 8790 2356", "yongda-dq.com", 4, None, "active"),
    ("D07", "温州瓯信家电有限公司", "REGULAR", "ZJ-WZ", "鹿城区车站大道577号", "温州市", "ZJ", "330302",
     ("郑国庆", "总经理"), "+86 577 8805 6121", "ouxin-jd.com", 2, "D01", "active"),
    ("D08", "苏州姑苏电器销售有限公司", "REGULAR", "JS-SZ", "姑苏区人民路3118号", "苏州市", "JS", "320508",
     ("吴静", "采购经理"), "+86 512 6751 8832", "gusu-dq.com", 3, None, "active"),
    ("D09", "无锡惠友家电有限公司", "SPECIAL", "JS-WX", "梁溪区中山路218号", "无锡市", "JS", "320213",
     ("钱伟", "店长"), "+86 510 8273 6620", "huiyou-jd.com", 2, "D02", "active"),
    ("D10", "深圳鹏城电器有限公司", "REGULAR", "GD-SZ", "福田区深南中路3024号", "深圳市", "GD", "440304",
     ("林俊杰", "总经理"), "+86 755 8321 9088", "pengcheng-dq.com", 4, None, "active"),
    ("D11", "佛山顺联家电有限公司", "SPECIAL", "GD-FS", "顺德区大良街道南国东路66号", "佛山市", "GD", "440606",
     ("何家豪", "总经理"), "+86 757 2233 5081", "shunlian-jd.com", 2, "D03", "active"),
    ("D12", "福州闽江电器有限公司", "REGULAR", "FJ-FZ", "鼓楼区五四路158号", "福州市", "FJ", "350102",
     ("陈美玲", "财务经理"), "+86 591 8753 6672", "minjiang-dq.com", 3, None, "active"),
    ("D13", "厦门鹭岛家电有限公司", "REGULAR", "FJ-XM", "思明区湖滨南路90号", "厦门市", "FJ", "350203",
     ("蔡明辉", "总经理"), "+86 592 5098 3375", "ludao-jd.com", 3, None, "suspended"),
    ("D14", "济南泉城电器有限公司", "REGULAR", "SD-JN", "历下区泉城路180号", "济南市", "SD", "370102",
     ("刘洋", "总经理"), "+86 531 8612 4409", "quancheng-dq.com", 4, None, "active"),
    ("D15", "青岛海滨家电销售有限公司", "REGULAR", "SD-QD", "市南区香港中路40号", "青岛市", "SD", "370202",
     ("王磊", "采购经理"), "+86 532 8587 1136", "haibin-jd.com", 3, None, "active"),
    ("D16", "石家庄冀中电器有限公司", "REGULAR", "HE-SJZ", "长安区中山东路326号", "石家庄市", "HE", "130102",
     ("张伟", "总经理"), "+86 311 8602 7751", "jizhong-dq.com", 2, None, "active"),
    ("D17", "唐山燕赵家电商贸有限公司", "SPECIAL", "HE-TS", "路北区新华西道98号", "唐山市", "HE", "130203",
     ("马丽", "店长"), "+86 315 2805 3397", "yanzhao-jd.com", 1, "D04", "active"),
    ("D18", "温州乐清百顺电器有限公司", "SPECIAL", "ZJ-WZ", "乐清市城南街道双雁路121号", "温州市", "ZJ", "330382",
     ("叶建华", "总经理"), "+86 577 6256 1180", "baishun-dq.com", 2, None, "suspended"),
    ("D19", "青岛崂山电器经营部有限公司", "SPECIAL", "SD-QD", "崂山区海尔路61号", "青岛市", "SD", "370212",
     ("高峰", "总经理"), "+86 532 8896 0213", "laoshan-dq.com", 2, None, "terminated"),
    ("D20", "厦门嘉禾电器商行有限公司", "SPECIAL", "FJ-XM", "湖里区嘉禾路399号", "厦门市", "FJ", "350206",
     ("许文静", "总经理"), "+86 592 5716 0839", "jiahe-dq.com", 0, None, "prospect"),
    ("D21", "济南历城家电有限公司", "SPECIAL", "SD-JN", "历城区华信路33号", "济南市", "SD", "370112",
     ("孔令辉", "总经理"), "+86 531 8810 2276", "licheng-jd.com", 0, None, "applicant"),
]

PORTAL_DEALER = "D01"  # the portal user is a contact of this core dealer
PORTAL_CONTACT = ("陈小雨", "订货专员", "+86 138 5710 2266")

GRADE_CHANGE = ("D05", "CORE", "近两个季度考核排名华东第一，销售额超目标18%，回款及时，升级为核心经销商。")
SUSPENSIONS = {
    "D13": "连续两期货款逾期未付，暂停发货与订货，待清偿欠款后恢复。",
    "D18": "跨区域低价销售（窜货至宁波市场），并有逾期货款，暂停经销资格。",
}
TERMINATION = ("D19", "under_target", "连续两年未完成年度目标（完成率不足40%），经销商本人亦同意退出。")

# Applications: key, state, company, grade, territory codes, city, state code, division, legal rep, contact,
# phone, figures (capital, years, outlets, staff, warehouse m², turnover), scores by criterion code,
# partner key (existing prospect) / parent distributor key, note
APPLICATIONS = [
    {"key": "A1", "state": "draft", "partner": "D20", "company": "厦门嘉禾电器商行有限公司", "grade": "SPECIAL",
     "territories": ["FJ-XM"], "street": "湖里区嘉禾路399号", "city": "厦门市", "province": "FJ", "division": "350206",
     "legal": "许文静", "contact": "许文静", "phone": "+86 592 5716 0839", "email": "xu@jiahe-dq.com",
     "figures": (500000, 3, 2, 12, 300, 2800000),
     "network": "湖里区、集美区2家门店，覆盖周边社区及小区团购。"},
    {"key": "A2", "state": "submitted", "partner": "D21", "company": "济南历城家电有限公司", "grade": "SPECIAL",
     "territories": ["SD-JN"], "street": "历城区华信路33号", "city": "济南市", "province": "SD", "division": "370112",
     "legal": "孔令辉", "contact": "孔令辉", "phone": "+86 531 8810 2276", "email": "kong@licheng-jd.com",
     "figures": (1000000, 6, 3, 18, 600, 4500000),
     "network": "历城区3家门店，与本地装修公司合作工程渠道。"},
    {"key": "A3", "state": "review", "company": "温州瓯海禾城电器有限公司", "grade": "REGULAR",
     "territories": ["ZJ-WZ"], "street": "瓯海区娄桥街道古岸头路56号",
     "city": "温州市", "province": "ZJ", "division": "330304",
     "legal": "沈国平", "contact": "沈佳怡", "phone": "+86 577 8866 4532", "email": "shen@hecheng-dq.com",
     "figures": (3000000, 9, 6, 45, 1500, 18000000),
     "scores": {"capital": 78, "network": 72, "experience": 85, "credit": 80, "fit": 70},
     "network": "温州市区及瑞安、乐清共6家门店，京东/天猫旗舰店代运营。"},
    {"key": "A4", "state": "approved", "company": "福州仓山家电有限公司", "grade": "REGULAR",
     "territories": ["FJ-FZ"], "street": "仓山区浦上大道216号",
     "city": "福州市", "province": "FJ", "division": "350104",
     "legal": "郑少华", "contact": "郑晓燕", "phone": "+86 591 8376 5529", "email": "zheng@cangshan-jd.com",
     "figures": (5000000, 12, 8, 60, 2400, 26000000),
     "scores": {"capital": 85, "network": 80, "experience": 90, "credit": 88, "fit": 82},
     "network": "福州五区八县共8家门店，自有配送车队12辆，售后服务站2个。"},
    {"key": "A5", "state": "rejected", "company": "宁波北仑小家电经营部有限公司", "grade": "REGULAR",
     "territories": ["ZJ-NB"], "street": "北仑区新碶街道明州路77号",
     "city": "宁波市", "province": "ZJ", "division": "330206",
     "legal": "邵志明", "contact": "邵志明", "phone": "+86 574 8688 1905", "email": "shao@beilun-xjd.com",
     "figures": (300000, 2, 1, 6, 120, 1200000),
     "scores": {"capital": 40, "network": 35, "experience": 45, "credit": 50, "fit": 60},
     "network": "北仑区1家门店。",
     "reason": "资金实力与销售网络不足，评估得分未达一般经销商最低分（70分）；且宁波市为甬达电器的独家区域。"},
]

CATEGORIES = ["空调", "冰箱", "洗衣机", "热水器", "厨房电器"]

# default code, name, category, list price, cost, initial stock
PRODUCTS = [
    ("RZ-AC-35GW", "瑞泽 变频空调 1.5匹 挂机 KFR-35GW", "空调", 3299.0, 2150.0, 1500),
    ("RZ-AC-72LW", "瑞泽 变频空调 3匹 柜机 KFR-72LW", "空调", 7999.0, 5250.0, 1000),
    ("RZ-RF-520W", "瑞泽 对开门冰箱 520升 BCD-520W", "冰箱", 4599.0, 3050.0, 1100),
    ("RZ-RF-260", "瑞泽 三门冰箱 260升 BCD-260", "冰箱", 2599.0, 1680.0, 1200),
    ("RZ-WM-100", "瑞泽 滚筒洗衣机 10公斤 XQG100", "洗衣机", 2999.0, 1920.0, 1100),
    ("RZ-WM-80", "瑞泽 波轮洗衣机 8公斤 XQB80", "洗衣机", 1299.0, 810.0, 1200),
    ("RZ-WH-G16", "瑞泽 燃气热水器 16升 JSQ30-16", "热水器", 2199.0, 1360.0, 1100),
    ("RZ-WH-E60", "瑞泽 电热水器 60升 F60", "热水器", 1499.0, 920.0, 1200),
    ("RZ-KT-H220", "瑞泽 侧吸油烟机 CXW-220", "厨房电器", 2899.0, 1820.0, 1100),
    ("RZ-KT-Q230", "瑞泽 嵌入式燃气灶 JZT-Q230", "厨房电器", 1199.0, 720.0, 1100),
    ("RZ-KT-DW13", "瑞泽 嵌入式洗碗机 13套 WQP13", "厨房电器", 4299.0, 2850.0, 900),
]

# order size per grade: orders per month (min, max), lines (min, max), quantity per line (min, max)
ORDER_PROFILE = {
    "CORE": ((1, 2), (4, 6), (6, 18)),
    "REGULAR": ((1, 2), (3, 5), (4, 10)),
    "SPECIAL": ((1, 1), (2, 4), (1, 4)),
}
HISTORY_MONTHS = 6
# dealers that leave one invoice unpaid past its due date (besides the suspended ones): the last one already
# a week past due at the load (demo_plan)
LATE_PAYERS = ["D15", "D16"]
# suspended dealers: how many of their last invoices are unpaid (overdue)
SUSPENDED_UNPAID = {"D13": 2, "D18": 1}
# dealers that paid only part of one invoice
PARTIAL_PAYERS = ["D14"]
# dealers whose orders shrank in the last complete quarter: its main store was closed for renovation; its invoiced
# sales of that quarter are cut to this share of its targets of the quarter (demo_plan), below the 50% under which
# the target achievement KPI scores nothing, so the assessment of that quarter rates it D (correction plan), the
# others spread over A–C
QUARTER_SLUMPS = {"D16": 0.25}
# (dealer, reason, returned quantity): goods returned (return picking + credit note) after an order,
# the REFUND_ORDER_INDEX-th of the dealer (0 = first)
REFUND_ORDER_INDEX = 2
REFUNDS = [
    ("D08", "运输途中外箱破损，退回2台", 2),
    ("D12", "质量问题退货（压缩机异响），退回1台", 1),
]
