"""Chinese provinces in the order a Chinese reader expects: the official order of GB/T 2260 (the administrative
division codes: 北京 11, 天津 12, 河北 13 … 新疆 65, then 台湾 71, 香港 81, 澳门 82), not Odoo's order by the
one-character abbreviation (京, 沪, 浙 … in Unicode order, which reads as random)."""

# Odoo's state codes of China (the provinces' abbreviations, base/data/res.country.state.csv) and their other usual
# abbreviations, by GB/T 2260 code
GB2260 = {
    "京": 11, "津": 12, "冀": 13, "晋": 14, "蒙": 15, "辽": 21, "吉": 22, "黑": 23, "沪": 31, "苏": 32, "浙": 33,
    "皖": 34, "闽": 35, "赣": 36, "鲁": 37, "豫": 41, "鄂": 42, "湘": 43, "粤": 44, "桂": 45, "琼": 46, "渝": 50,
    "蜀": 51, "川": 51, "黔": 52, "贵": 52, "滇": 53, "云": 53, "藏": 54, "陕": 61, "秦": 61, "甘": 62, "陇": 62,
    "青": 63, "宁": 64, "新": 65, "台": 71, "港": 81, "澳": 82,
}


def sort_provinces(states):
    """``states`` (res.country.state) in GB/T 2260 order; states of other countries or unknown codes after them,
    by name."""
    return states.sorted(lambda state: (
        GB2260.get(state.code, 999) if state.country_id.code == "CN" else 999, state.name or "",
    ))
