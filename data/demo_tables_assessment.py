"""Data tables of the assessment part of the demo (考核): templates per grade, the decisions taken on the
proposals of last quarter's assessment and the correction plan's actions (no logic here).
"""

# One quarterly template per grade: name, KPI weights (add up to 100), rating thresholds A/B/C, consequences.
# The special dealers' template upgrades after one quarter rated A (fast track to the regular grade); the
# others need two quarters running.
TEMPLATES = {
    "CORE": {
        "name": "核心经销商季度考核", "sequence": 1, "thresholds": (90.0, 80.0, 65.0),
        "consecutive_periods": 2, "suspension_periods": 4, "reward_a": 1.0, "reward_b": 0.5,
        "correction_days": 30,
        "weights": {"net_sales": 20, "target_achievement": 40, "payment_days_late": 10, "overdue_share": 10,
                    "return_rate": 5, "violation_points": 10, "complaint_rate": 5},
    },
    "REGULAR": {
        "name": "一般经销商季度考核", "sequence": 2, "thresholds": (90.0, 80.0, 65.0),
        "consecutive_periods": 2, "suspension_periods": 4, "reward_a": 1.0, "reward_b": 0.5,
        "correction_days": 30,
        "weights": {"target_achievement": 50, "payment_days_late": 15, "overdue_share": 15, "return_rate": 5,
                    "violation_points": 10, "complaint_rate": 5},
    },
    "SPECIAL": {
        "name": "特约经销商季度考核", "sequence": 3, "thresholds": (90.0, 80.0, 65.0),
        "consecutive_periods": 1, "suspension_periods": 3, "reward_a": 1.0, "reward_b": 0.0,
        "correction_days": 45,
        "weights": {"target_achievement": 50, "payment_days_late": 20, "overdue_share": 15, "violation_points": 15},
    },
}

# Notes of the Dealer Manager on the proposals applied, by proposal type
APPLY_NOTES = {
    "reward": "季度考核奖励，计入本季度返利。",
    "warning": "按考核结果发出书面警告函。",
    "interview": "区域经理一周内上门约谈。",
    "correction": "限期整改，区域经理跟进。",
    "upgrade": "考核优秀，按公司经销商分级管理办法升级。",
    "downgrade": "考核不合格，按公司经销商分级管理办法降级。",
}
# The proposal the Dealer Manager dismisses, and why: a reward whose rebate of the period is already settled,
# else the warning letter of the lowest dealer rated C, else the reward of the last dealer rated B
DISMISS_REASONS = {
    "warning": "该经销商本季度受新店装修影响，销量下滑属阶段性原因，区域经理已当面沟通，暂不发警告函，下季度复查。",
    "reward": "该经销商本季度返利已结算，考核奖励并入年度返利统一发放。",
}

# The correction plan of the dealer rated D: actions (owner: the plan's responsible), deadline in days from the
# load, status and follow-up; one action already done
CORRECTION_ACTIONS = [
    ("结清逾期货款，提交回款计划（每周回款不低于欠款的25%）", 7, "done",
     "已于本周提交回款计划，首笔回款已到账。"),
    ("每月5日前按时提交渠道库存上报，连续三个月不得缺报", 35, "in_progress",
     "本月已按时上报，继续跟踪。"),
    ("制定下季度销售提升方案（门店陈列、以旧换新活动），报区域经理审核", 20, "todo", False),
    ("区域经理月度回访，评估整改效果并在系统中记录", 30, "todo", False),
]
CORRECTION_FINDINGS = "季度考核评为D级：目标完成率低、逾期货款占比高。整改期内每周跟进，整改完成后复评。"
