"""Data tables of the dealer relations part of the demo: announcements, complaints, feedback, trainings and the
satisfaction survey (no logic here).  Dates are given as days relative to the day of the load.
"""

# Announcements (公告): category, audience (all / grade codes / territory codes), published days ago
# (None: stays draft), visible for days (None: no end), archived afterwards, read by the portal user.
# Names and bodies are formatted with the dates of the load: {year} and {next_year} of the publication, {quarter}
# the quarter before it (e.g. 2026年第二季度), {start} and {end} its visibility window (e.g. 11月1日).
ANNOUNCEMENTS = [
    {"key": "new_product", "category": "product", "audience": "all", "published": 20, "read": True,
     "name": "新品上市：瑞泽嵌入式洗碗机 WQP13 全面到货",
     "body": "<p>瑞泽13套嵌入式洗碗机 WQP13 已在杭州总仓全面到货，支持热风烘干与一级水效。</p>"
             "<ul><li>建议零售价：4299元</li><li>经销商首批进货享受样机支持1台</li>"
             "<li>产品培训资料已上传至附件</li></ul>"},
    {"key": "price_change", "category": "price", "audience": "grade", "grades": ["CORE"], "published": 0,
     "read": False, "name": "关于核心经销商空调产品供货价调整的通知",
     "body": "<p>受铜、铝等原材料价格持续上涨影响，自下月1日起核心经销商空调产品供货价上调约3%。"
             "调整明细已推送至各经销商，已下单未发货订单仍按原价执行。</p>"},
    {"key": "promotion", "category": "promotion", "audience": "territory", "territories": ["EAST"],
     "published": 30, "visible": 65, "read": True, "name": "华东大区以旧换新联合促销方案",
     "body": "<p>{start}至{end}华东大区联合促销：空调、冰箱以旧换新补贴300元/台，"
             "总部承担50%，促销物料由区域办统一配送。</p>"},
    {"key": "market", "category": "market", "audience": "all", "published": 75, "visible": 60, "archive": True,
     "read": True, "name": "{quarter}家电市场分析",
     "body": "<p>{quarter}国内家电零售额同比增长6.2%，以旧换新政策拉动明显；空调线上均价同比下降4%，"
             "三四级市场增长快于一二线。请各经销商结合本地销售节奏提前备货。</p>"},
    {"key": "policy", "category": "policy", "audience": "grade", "grades": ["CORE", "REGULAR"], "published": None,
     "read": False, "name": "{next_year}年度经销商政策及合同续签安排",
     "body": "<p>{next_year}年度经销商政策（目标、返利阶梯、信用额度）将于12月中旬发布，"
             "现有合同将于12月31日到期，请各经销商于12月20日前完成续签。</p>"},
]

# Complaints (售后/投诉): dealer, category (xml id suffix), subject, product (on the dealer's latest order of it),
# reported days ago, final state and how it is resolved.
COMPLAINTS = [
    {"key": "portal_new", "dealer": "D01", "category": "customer", "subject": "quality", "by_portal": True,
     "origin": "customer", "customer": ("刘女士", "+86 137 5800 1122"), "days_ago": 0.3, "qty": 1, "state": "new",
     "product": "RZ-KT-DW13",
     "description": "终端客户反映洗碗机安装后第三天出现E4报警，无法排水，要求上门检修或换机。"},
    {"key": "return", "dealer": "D01", "category": "return", "subject": "quality", "days_ago": 18, "qty": 1,
     "product": "RZ-AC-35GW",
     "state": "resolved", "resolve": "return", "hours": 52,
     "description": "到货开箱检测发现1台空调外机压缩机异响，申请退货。",
     "resolution": "<p>经售后工程师确认为压缩机故障，办理退货1台，已退回杭州总仓并开具红字发票冲抵货款。</p>"},
    {"key": "credit_note", "dealer": "D03", "category": "quality", "subject": "delivery", "days_ago": 26, "qty": 1,
     "product": "RZ-RF-520W",
     "state": "closed", "resolve": "credit_note", "hours": 40,
     "description": "1台对开门冰箱到货时门体凹陷，外观受损无法正常销售，经销商同意自行降价处理。",
     "resolution": "<p>物流责任已确认，按1台货值开具红字发票补偿经销商，冰箱由经销商作样机处理。</p>"},
    {"key": "repair", "dealer": "D06", "category": "repair", "subject": "service", "days_ago": 3, "qty": 2,
     "product": "RZ-WH-G16",
     "state": "in_progress",
     "description": "两台燃气热水器在用户家中点火困难，经销商维修人员无法排除，申请厂家技术支持。"},
    {"key": "escalated", "dealer": "D10", "category": "customer", "subject": "service", "origin": "customer",
     "customer": ("张先生", "+86 135 1234 8876"), "days_ago": 4, "qty": 1, "state": "in_progress",
     "product": "RZ-AC-72LW",
     "escalate": True,
     "description": "终端客户投诉空调安装师傅上门迟到两次且未清理现场，要求赔偿并已在社交媒体发帖。"},
    {"key": "rejected", "dealer": "D12", "category": "rights", "subject": "price", "days_ago": 9, "qty": 0,
     "product": "RZ-WM-80",
     "state": "rejected",
     "reject": "经核查，所投诉的网店低价商品为2023年停产旧款，不属于本公司经销渠道商品，非窜货行为，不予受理。",
     "description": "发现某电商平台店铺以远低于指导价的价格销售瑞泽波轮洗衣机，怀疑有经销商窜货，请求维权。"},
    {"key": "delivery_new", "dealer": "D08", "category": "return", "subject": "delivery", "days_ago": 0.1, "qty": 3,
     "product": "RZ-WM-100",
     "state": "new", "description": "本周订单中3台波轮洗衣机型号发错（8公斤发成10公斤），申请换货。"},
]

# Market feedback (市场反馈)
FEEDBACK = [
    {"dealer": "D01", "by_portal": True, "type": "competitor_price", "state": "new",
     "name": "美的同档1.5匹变频挂机京东促销价", "competitor": "美的", "competitor_price": 2199.0,
     "product": "RZ-AC-35GW",
     "description": "京东双11期间美的同档1.5匹新一级能效挂机到手价2199元，"
                    "比我们的建议零售价低1100元，门店客流被分流明显。"},
    {"dealer": "D04", "type": "demand", "state": "in_progress", "name": "北京市场嵌入式洗碗机需求旺盛",
     "product": "RZ-KT-DW13",
     "description": "北京新交付精装房项目多，13套以上嵌入式洗碗机需求旺盛，建议增加第四季度配额30台。"},
    {"dealer": "D03", "type": "request", "state": "done", "name": "建议开放总仓库存实时查询",
     "description": "希望在经销商门户查看杭州总仓各型号可用库存，便于安排订货。",
     "response": "已纳入明年一季度门户升级计划，上线前可联系区域内勤查询库存。"},
    {"dealer": "D14", "type": "other", "state": "rejected", "name": "建议培训全部改为线上直播",
     "description": "外地经销商参加杭州现场培训差旅成本高，建议全部改为线上直播。",
     "response": "产品实操类培训需现场动手，仍保留线下；理论类课程已提供线上回放。"},
]

# Dealer trainings (培训): one per topic; days from today (negative: past), duration in days, grades required,
# attendees (dealer keys; "portal" = the portal user) and their final state; {year}: the year of the training.
TRAININGS = [
    {"topic": "product", "name": "{year}年新品知识培训（嵌入式厨电）", "days": -50, "duration": 1,
     "grades": ["CORE", "REGULAR"], "location": "杭州总部培训中心",
     "attended": ["D01", "D02", "D03", "D05", "D06", "D08", "D12", "D14"], "absent": ["D04", "D10"]},
    {"topic": "sales", "name": "门店销售技巧与顾客接待实战", "days": -25, "duration": 2,
     "grades": ["REGULAR", "SPECIAL"], "location": "南京金陵家电培训教室",
     "attended": ["D07", "D09", "D11", "D14", "D15", "D17"], "absent": ["D16"]},
    {"topic": "culture", "name": "瑞泽企业文化与经销商行为规范（价格管理与防窜货）", "days": -10, "duration": 1,
     "grades": ["CORE", "REGULAR", "SPECIAL"], "location": "线上直播（腾讯会议）",
     "attended": ["D01", "D02", "D03", "D04", "D05", "D06", "D07", "D08", "D09", "D10", "D11", "D12", "D14",
                  "D15", "D17"], "absent": ["D16"]},
    {"topic": "market", "name": "{year}年家电市场趋势与区域营销分析", "days": 12, "duration": 2,
     "grades": ["CORE"], "location": "杭州总部培训中心", "portal": True, "seats": 30,
     "registered": ["portal", "D02", "D03", "D05"]},
]
TRAINING_DESCRIPTION = "<p>{name}：{location}。请各经销商安排相关人员准时参加，培训结束后进行考核。</p>"

# Satisfaction survey (满意度调查): answering dealers and their score (1-5) per question, answered days ago.
SURVEY_ANSWERS = {
    "D01": ([5, 4, 5, 4], 12), "D02": ([4, 4, 3, 4], 11), "D03": ([5, 5, 4, 4], 10), "D04": ([3, 4, 3, 2], 10),
    "D05": ([4, 5, 4, 5], 9), "D06": ([4, 3, 4, 3], 8), "D08": ([2, 3, 3, 2], 6), "D14": ([4, 4, 5, 3], 5),
}
