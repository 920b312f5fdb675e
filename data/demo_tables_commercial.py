"""Data tables of the commercial part of the demo: contracts, order-check overrides, violations, rebates,
price adjustments and channel stock reports (no logic here).

Keys such as "D01" refer to demo_tables.DEALERS; product codes to demo_tables.PRODUCTS.
"""

# Dealer floor price (最低限价) of every product: this share of the list price, rounded down to 10 yuan.
# The core grade buys at 70% of the list price, so every grade's price stays above the floor.
FLOOR_RATIO = 0.68

# Contract terms per grade: deposit (保证金), promotion support budget, fines per violation, rebate tiers
# (from achievement %, rebate % of net sales, fixed bonus) and the annual sales target (untaxed, CNY).
CONTRACT_POLICY = {
    "CORE": {"deposit": 200000, "promo_budget": 120000, "penalty_price": 20000, "penalty_cross": 50000,
             "tiers": [(0, 0.5, 0), (80, 1.5, 0), (100, 3.0, 30000)], "annual_target": 2400000},
    "REGULAR": {"deposit": 50000, "promo_budget": 30000, "penalty_price": 10000, "penalty_cross": 20000,
                "tiers": [(0, 0.5, 0), (80, 1.2, 0), (100, 2.0, 8000)], "annual_target": 1100000},
    "SPECIAL": {"deposit": 10000, "promo_budget": 5000, "penalty_price": 5000, "penalty_cross": 10000,
                "tiers": [(0, 0.3, 0), (80, 0.6, 0), (100, 1.0, 1000)], "annual_target": 220000},
}
# the dealer's annual target = its grade's target × this factor (default 1.0)
TARGET_FACTOR = {"D01": 0.85, "D02": 0.95, "D03": 0.75, "D04": 0.8, "D05": 1.2, "D06": 0.9, "D08": 1.05,
                 "D10": 0.85, "D14": 1.15, "D16": 0.8, "D17": 1.2, "D19": 1.5}
# seasonality of the monthly targets (January … December): air conditioners in summer, 双11 in November
MONTH_WEIGHTS = [0.85, 0.6, 0.8, 0.9, 1.0, 1.2, 1.25, 1.1, 0.9, 1.05, 1.35, 1.0]
CONTRACT_TITLE = "{year}年度经销合同"
CONTRACT_NOTE = "年度经销合同（{grade}）：授权区域 {territories}，保证金 {deposit:,.0f} 元已到账，合同生效。"

# Annual target of a province split over its dealers by the target split wizard (分解任务), monthly.
TARGET_SPLIT = {"territory": "FJ", "amount": 2000000, "method": "even"}

# Orders of the history that break a check on purpose and are confirmed by the Dealer Manager through the
# override wizard (the dealer's n-th order, 0 = first).  They become violations (price / 窜货).  Each is sized
# from the state at that moment (demo_plan): the special price a margin below the product's floor price, the
# group purchase a margin above the credit the dealer has left on that day.
HISTORY_OVERRIDES = [
    {"dealer": "D10", "index": 3, "kind": "floor",
     "reason": "深圳鹏城电器门店周年庆，{product}按特价供货（低于最低限价），"
               "市场部已书面批准，差价由总部促销费用承担。"},
    {"dealer": "D18", "index": 2, "kind": "territory",
     "reason": "经销商称系温州客户的宁波工地团购项目，要求直发宁波；区域经理未及核实，先行放行发货，事后核查。"},
    {"dealer": "D11", "index": 3, "kind": "credit",
     "reason": "顺德某楼盘精装房团购订单（团购合同已签，30%首付款已到账），超出信用额度部分由销售总监担保，经理特批。"},
]
# the delivery address of the cross-territory order: in 宁波, the exclusive territory of 甬达电器 (D06)
CROSS_TERRITORY_ADDRESS = {"dealer": "D18", "name": "宁波鄞州临时收货点（金海岸建材市场）",
                           "street": "鄞州区首南街道天童南路1088号", "city": "宁波市", "state": "ZJ"}
# reason given when an order of the history fails the credit check (overdue invoice or credit limit)
CREDIT_OVERRIDE_REASON = ("{dealer}旺季备货；逾期/超额部分已出具付款承诺函（承诺{promise}前结清），"
                          "销售总监电话批准，经理特批放行。")

# Contract changes after the history
AMENDMENT = {"dealer": "D05", "grade": "CORE", "payment_term": "account.account_payment_term_30days",
             "reason": "经销商升级为核心经销商：信用额度由30万元提高至100万元，执行核心经销商价格表与30天账期，"
                       "违规罚款标准同步调整为核心经销商标准。"}
RENEWAL = {"dealer": "D01", "growth": 10.0}
TARGET_ADJUSTMENT = {"dealer": "D10", "factor": 1.15,
                     "reason": "深圳前海万象城新店本月开业，经双方协商本月销售目标上调15%，"
                               "增加部分计入下季度返利考核。"}
CONTRACT_TERMINATION = ("D19", "经销商资格终止（连续两年未完成年度目标），"
                                "年度经销合同同时终止，保证金待结清往来后退还。")

# The dealers' answers to their monthly targets (目标确认): every target of a month already over is acknowledged (at the
# start of its month); two dealers first asked for an adjustment (申请调整) of their earliest month, which the Dealer
# Manager decided: lowered to a compromise ("adjust", only before the last complete quarter, whose assessment and
# rebates are computed on the targets), else kept ("keep"); the dealer then acknowledged the target decided.
# The targets of the current and next months await the dealers' answers.
TARGET_ANSWER_COMMENT = "已确认本月目标，将按计划备货。"
TARGET_COUNTER_NOTE = "{target}：{reply}"  # the Dealer Manager's answer to a request kept at its target
TARGET_COUNTERS = [
    {"dealer": "D01", "proposed": 0.85, "settled": 0.92, "decision": "adjust",
     "comment": "本月有两家门店装修停业约两周，申请目标下调15%。",
     "reason": "经销商两家门店装修停业，经协商目标下调8%（经销商申请下调15%）。",
     "reply": "申请调整未获批准：该月目标已计入季度考核与返利核算，维持不变。",
     "answer": "同意调整后的目标。"},
    {"dealer": "D06", "proposed": 0.8, "decision": "keep",
     "comment": "宁波地区新开两家竞品门店，申请目标下调20%。",
     "reply": "申请调整未获批准：该月目标已按区域市场容量核定，总部将加大促销支持，目标维持不变。",
     "answer": "接受维持原目标，按计划执行。"},
]

# Violations entered by hand (besides those created by the order overrides)
MANUAL_VIOLATIONS = [
    {"dealer": "D13", "type": "late_payment", "points": 5, "fine": 2000, "state": "confirmed", "days_ago": 12,
     "description": "两张货款发票逾期超过30天未付，催款函发出后仍未回款，违反合同付款条款。"},
    {"dealer": "D07", "type": "price", "points": 3, "state": "draft", "days_ago": 3,
     "description": "巡查发现其天猫店铺以低于建议零售价12%的价格销售1.5匹变频空调挂机，已截图取证，待核实。",
     "evidence": "天猫店铺价格截图"},
]
# the case as the manager writes it on the violations created by the overrides
OVERRIDE_VIOLATION_TEXT = {
    "price": "订单{order}中“{product}”成交单价{price:,.2f}元，低于最低限价{floor:,.2f}元，由{manager}特批确认。"
             "特批原因：{reason}",
    "cross_territory": "订单{order}收货地址（{address}）位于{territory}，不在经销商授权区域（{own}）内，"
                       "属跨区域销售（窜货），由{manager}特批发货。特批原因：{reason}",
}
# what happens to the violations created by the overrides: dealer → (state, points, note)
OVERRIDE_VIOLATION_OUTCOME = {
    "D18": ("closed", 10, "核实为窜货：货物实际在宁波市场低价销售，按合同处以窜货罚款并开具罚款发票。"),
    "D10": ("cancelled", 0, "经核实为总部市场部书面批准的门店周年庆特价，不构成价格违规，撤销。"),
}

# Rebates of the last quarter: settled through a credit note, or left in draft for review
REBATES = [
    {"dealer": "D02", "state": "settled", "note": "上季度返利，经财务复核后以红字发票冲抵货款。"},
    {"dealer": "D08", "state": "draft", "note": "上季度返利草稿，待区域经理确认新品推广奖励。",
     "bonus": ("新品推广奖励（嵌入式洗碗机进店）", 3000)},
]

# Price adjustment from the first day of next month for the core grade (air conditioners, copper price)
PRICE_ADJUSTMENT = {"grades": ["CORE"], "increase": 0.03, "products": ["RZ-AC-35GW", "RZ-AC-72LW"],
                    "reason": "受铜、铝等原材料价格持续上涨影响，自下月1日起核心经销商空调产品供货价上调约3%，"
                              "已下单未发货订单仍按原价执行。"}

# Channel stock reports (渠道库存): the dealers counting their stock at each month's end and today (demo_plan_sellout)
STOCK_REPORT_DEALERS = ["D01", "D02", "D03", "D04", "D05", "D06", "D08", "D14"]
STOCK_REPORT_NOTE = "月末盘点：门店及仓库库存合计。"
STOCK_REPORT_NOTE_TODAY = "本月库存盘点（截至今日）：门店及仓库库存合计。"
