"""Used-phone vocabulary: cosmetic grades (trade practice), parts and function tests named in
the inspection box report, and the colour and brand aliases merchants write in ASNs.

Unknown part or test names from a newer box firmware are not errors: ``part_name`` falls
back to the raw name so the disclosure still reaches the certificate.
"""

from __future__ import annotations

from stdnum import luhn

from app.core.vocab import Term, vocabulary

WARRANTY_DAYS = 180  # inspected phones carry a 180-day warranty from certification

COSMETIC_GRADES = vocabulary(
    "成色",
    "cosmetic grade",
    [
        Term(
            "99",
            "99新",
            "Like new (99%)",
            "几乎无使用痕迹；屏幕、边框、背板在正常光线下无可见划痕或磕碰",
            "almost no signs of use; no visible scratch or dent on screen, frame or back in normal light",
        ),
        Term(
            "95",
            "95新",
            "Excellent (95%)",
            "轻微使用痕迹；边框或背板有细微划痕，屏幕无划痕，无磕碰",
            "light signs of use; hairline scratches on frame or back, screen unscratched, no dents",
        ),
        Term(
            "90",
            "9成新",
            "Good (90%)",
            "明显使用痕迹；边框有轻微磕碰或划痕，屏幕可有不影响显示的细微划痕",
            "visible wear; light dents or scratches on the frame, fine screen scratches that do not affect the display",
        ),
        Term(
            "80",
            "8成新",
            "Fair (80%)",
            "较多使用痕迹；机身有明显划痕、磕碰或掉漆，屏幕有明显划痕",
            "heavy wear; obvious scratches, dents or paint loss, noticeable screen scratches",
        ),
        Term(
            "70",
            "7成新及以下",
            "Worn (70% or less)",
            "严重磨损；磕碰变形、背板或屏幕有裂纹以外的深划痕、大面积掉漆",
            "severe wear; deformed corners, deep scratches on screen or back, large paint loss",
            aliases=("7成新",),
        ),
    ],
)

# What the appraiser sees on the body (the box cannot): each cosmetic grade's own criteria
# exclude some of these, so a grade its criteria rule out cannot be chosen (GRADE_EXCLUDES).
COSMETIC_MARKS = vocabulary(
    "外观痕迹",
    "cosmetic mark",
    [
        Term("screen_fine_scratch", "屏幕细微划痕", "fine screen scratches"),
        Term("screen_scratch", "屏幕明显划痕", "noticeable screen scratches"),
        Term("frame_hairline", "边框或背板细微划痕", "hairline scratches on frame or back"),
        Term("frame_dent", "边框磕碰", "dents on the frame"),
        Term("body_scratch", "机身明显划痕", "obvious scratches on the body"),
        Term("paint_loss", "掉漆", "paint loss"),
        Term("deformed_corner", "边角磕碰变形", "deformed corners"),
    ],
)

GRADE_EXCLUDES: dict[str, frozenset[str]] = {
    "99": frozenset(COSMETIC_MARKS.codes),
    "95": frozenset(
        {"screen_fine_scratch", "screen_scratch", "frame_dent", "body_scratch", "paint_loss", "deformed_corner"}
    ),
    "90": frozenset({"screen_scratch", "body_scratch", "paint_loss", "deformed_corner"}),
    "80": frozenset({"deformed_corner"}),
    "70": frozenset(),
}

# Defects the box cannot see that fail a phone outright (no cosmetic grade covers them).
PHONE_DEFECTS = vocabulary(
    "外观缺陷",
    "defect",
    [
        Term("cracked_screen", "屏幕碎裂", "cracked screen"),
        Term("cracked_back", "背板碎裂", "cracked back"),
        Term("cracked_frame", "边框断裂", "cracked frame"),
        Term("bent_body", "机身弯曲", "bent body"),
        Term("liquid_damage", "进水痕迹", "liquid damage"),
        Term("missing_parts", "部件缺失", "missing parts"),
    ],
)
DEFECT_REASON = "damaged"  # the platform's item.rejected reason for all of them

PART_STATUSES = vocabulary(
    "配件状态",
    "part status",
    [
        Term("original", "原装", "original"),
        Term("replaced", "已更换", "replaced"),
        Term("unknown", "无法验证", "could not be verified"),
    ],
)

PARTS = vocabulary(
    "配件",
    "phone part",
    [
        Term("screen", "屏幕", "screen"),
        Term("battery", "电池", "battery"),
        Term("rear_camera", "后置摄像头", "rear camera"),
        Term("front_camera", "前置摄像头", "front camera"),
        Term("face_id", "面容ID", "Face ID"),
        Term("touch_id", "触控ID", "Touch ID"),
        Term("logic_board", "主板", "logic board"),
        Term("housing", "中框", "housing"),
        Term("back_glass", "后盖", "back glass"),
        Term("speaker", "扬声器", "speaker"),
        Term("charging_port", "充电口", "charging port"),
    ],
)

FUNCTION_TESTS = vocabulary(
    "功能检测项",
    "function test",
    [
        Term("touch", "触控", "touch"),
        Term("display", "显示", "display"),
        Term("speaker", "扬声器", "speaker"),
        Term("earpiece", "听筒", "earpiece"),
        Term("microphone", "麦克风", "microphone"),
        Term("wifi", "无线局域网", "Wi-Fi"),
        Term("bluetooth", "蓝牙", "Bluetooth"),
        Term("cellular", "蜂窝网络", "cellular"),
        Term("buttons", "按键", "buttons"),
        Term("camera", "摄像头", "camera"),
        Term("face_id", "面容ID", "Face ID"),
        Term("touch_id", "触控ID", "Touch ID"),
        Term("charging", "充电", "charging"),
        Term("vibration", "振动", "vibration"),
        Term("gps", "定位", "GPS"),
        Term("nfc", "NFC", "NFC"),
        Term("proximity", "距离感应", "proximity sensor"),
    ],
)

# Manufacturer colour names as the box reports them (English) and as merchants write them
# in Chinese titles. Matching is exact per name: "Midnight" is not "Midnight Green".
COLOURS = vocabulary(
    "机身颜色",
    "phone colour",
    [
        Term("midnight", "午夜色", "Midnight"),
        Term("starlight", "星光色", "Starlight"),
        Term("midnight_green", "暗夜绿色", "Midnight Green", aliases=("暗夜绿",)),
        Term("product_red", "红色", "(PRODUCT)RED", aliases=("Red", "红")),
        Term("blue", "蓝色", "Blue", aliases=("蓝",)),
        Term("pink", "粉色", "Pink", aliases=("粉",)),
        Term("green", "绿色", "Green", aliases=("绿",)),
        Term("purple", "紫色", "Purple", aliases=("紫",)),
        Term("yellow", "黄色", "Yellow"),
        Term("black", "黑色", "Black", aliases=("黑",)),
        Term("white", "白色", "White", aliases=("白",)),
        Term("silver", "银色", "Silver"),
        Term("gold", "金色", "Gold"),
        Term("graphite", "石墨色", "Graphite"),
        Term("sierra_blue", "远峰蓝色", "Sierra Blue", aliases=("远峰蓝",)),
        Term("alpine_green", "苍岭绿色", "Alpine Green", aliases=("苍岭绿",)),
        Term("deep_purple", "暗紫色", "Deep Purple"),
        Term("pacific_blue", "海蓝色", "Pacific Blue"),
        Term("space_gray", "深空灰色", "Space Gray", aliases=("Space Grey", "深空灰")),
        Term("space_black", "深空黑色", "Space Black", aliases=("深空黑",)),
        Term("natural_titanium", "原色钛金属", "Natural Titanium"),
        Term("blue_titanium", "蓝色钛金属", "Blue Titanium"),
        Term("white_titanium", "白色钛金属", "White Titanium"),
        Term("black_titanium", "黑色钛金属", "Black Titanium"),
        Term("desert_titanium", "沙漠色钛金属", "Desert Titanium"),
    ],
)

BRANDS = vocabulary(
    "品牌",
    "brand",
    [
        Term("apple", "苹果", "Apple", aliases=("iPhone",)),
        Term("huawei", "华为", "Huawei"),
        Term("honor", "荣耀", "Honor", aliases=("Honour",)),
        Term("xiaomi", "小米", "Xiaomi", aliases=("MI",)),
        Term("redmi", "红米", "Redmi"),
        Term("samsung", "三星", "Samsung"),
        Term("oppo", "OPPO", "OPPO"),
        Term("vivo", "vivo", "vivo"),
        Term("oneplus", "一加", "OnePlus"),
        Term("google", "谷歌", "Google"),
        Term("realme", "真我", "realme"),
    ],
)


# The box's own detail texts (English, firmware-defined) that have a translation. Anything
# else is shown as the box wrote it, labelled as the box's words (box_detail).
BOX_DETAILS = vocabulary(
    "检测盒说明",
    "box detail",
    [
        Term("bottom mic silent", "底部麦克风无声", "bottom mic silent"),
        Term("top mic silent", "顶部麦克风无声", "top mic silent"),
        Term("serial mismatch", "序列号与本机不符", "serial mismatch"),
        Term("not genuine", "非原厂配件", "not genuine"),
        Term("no response", "无响应", "no response"),
        Term("dead pixels", "有坏点", "dead pixels"),
        Term("touch dead zone", "触控失灵区域", "touch dead zone"),
        Term("no signal", "无信号", "no signal"),
        Term("distorted", "声音失真", "distorted"),
    ],
)


def box_detail(text: object, lang: str = "zh_CN") -> str:
    """A detail from the box report in the reader's words, or labelled as the box's own."""
    if not isinstance(text, str) or not text.strip():
        return ""
    term = BOX_DETAILS.find(text)
    if term is not None:
        return term.name(lang)
    return f"检测盒原文：{text}" if lang.startswith("zh") else f"box says: {text}"


def colour_name(text: object, lang: str = "zh_CN") -> str | None:
    """A colour as the box or a merchant wrote it (Midnight, 午夜色) in the reader's words."""
    if text is None:
        return None
    term = COLOURS.find(text)
    return term.name(lang) if term is not None else str(text)


def part_name(code: str) -> tuple[str, str]:
    """(zh, en) of a part; an unknown part keeps its raw name in both languages."""
    term = PARTS.find(code)
    return (term.zh, term.en) if term else (code, code)


def part_status_name(code: str) -> tuple[str, str]:
    """(zh, en) of a part's originality as the box reports it (original, replaced, unknown)."""
    term = PART_STATUSES.find(code)
    return (term.zh, term.en) if term else (code, code)


def function_test_name(code: str) -> tuple[str, str]:
    term = FUNCTION_TESTS.find(code)
    return (term.zh, term.en) if term else (code, code)


def luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) check over a string of ASCII digits, check digit last (python-stdnum)."""
    if not isinstance(digits, str) or not digits or not digits.isascii() or not digits.isdigit():
        return False
    return luhn.is_valid(digits)


def luhn_complete(body: str) -> str:
    """``body`` with the Luhn check digit appended (demo and reference-platform IMEIs)."""
    return body + luhn.calc_check_digit(body)


def imei_valid(imei: object) -> bool:
    """An IMEI is 15 digits whose last one is the Luhn check digit (3GPP TS 23.003)."""
    return isinstance(imei, str) and len(imei) == 15 and luhn_ok(imei)
