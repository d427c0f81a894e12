"""How figures and headings are printed in the annual report (pure functions, no Django needed).

Rules, chosen so that a printed figure never claims more than the records show:

* ``format_count`` — the rounded ("customary") form keeps the leading digit and replaces the rest with
  zeros, then adds 余 ("more than"): 106 → 100余, 1043 → 1000余, 2350 → 2000余, 530 → 500余, 42 → 40余,
  99 → 90余. A value that is already that round number is printed exactly (100 → 100, 2000 → 2000),
  because 100余 would claim more than 100. Values below 10 are always exact.
* ``format_rate`` — the exact form has one decimal, rounded half up, trailing ``.0`` dropped; it shows
  100% only when numerator equals denominator (99.96% prints as 99.9%) and 0% only when the numerator
  is 0 (0.04% prints as 不足0.1%). The rounded form is 100% when all, else the highest of the
  thresholds 98/95/90/85/80 that the rate reaches, as ``98%以上`` (以上 includes the number itself, as in
  Chinese legal usage); below 80% it prints the exact value. A denominator of 0 prints ``—``: there is
  nothing to take a share of, and "0%" or "100%" would both be untrue.
"""

from __future__ import annotations

import datetime
import re

__all__ = [
    "NO_RATE",
    "RATE_THRESHOLDS",
    "chinese_date",
    "chinese_numeral",
    "chinese_ordinal_heading",
    "format_count",
    "format_rate",
    "to_fullwidth_punctuation",
]

#: printed for a rate whose denominator is 0
NO_RATE = "—"
#: thresholds of the rounded rate form, highest first (100 is printed only when numerator == denominator)
RATE_THRESHOLDS = (98, 95, 90, 85, 80)


def _check_int(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")


def format_count(value: int, unit: str, *, rounded: bool) -> str:
    """``106人次`` exactly, or rounded down to its leading digit with 余: ``100余人次``."""
    _check_int("value", value)
    if not rounded or value < 10:
        return f"{value}{unit}"
    magnitude = 10 ** (len(str(value)) - 1)
    base = value // magnitude * magnitude
    if base == value:
        return f"{value}{unit}"
    return f"{base}余{unit}"


def _tenths_of_percent(numerator: int, denominator: int) -> int:
    """The rate in tenths of a percent, rounded half up, but never 100% or 0% unless it is."""
    tenths = (numerator * 2000 + denominator) // (2 * denominator)
    if tenths >= 1000 and numerator != denominator:
        return 999
    return tenths


def _format_tenths(tenths: int) -> str:
    whole, tenth = divmod(tenths, 10)
    return f"{whole}%" if tenth == 0 else f"{whole}.{tenth}%"


def format_rate(numerator: int, denominator: int, *, rounded: bool) -> str:
    """``98.2%`` exactly, or ``98%以上`` rounded; ``—`` when the denominator is 0."""
    _check_int("numerator", numerator)
    _check_int("denominator", denominator)
    if denominator == 0:
        return NO_RATE
    if numerator > denominator:
        raise ValueError(f"a share cannot exceed the whole: {numerator}/{denominator}")
    if numerator == denominator:
        return "100%"
    if rounded:
        for threshold in RATE_THRESHOLDS:
            if numerator * 100 >= threshold * denominator:
                return f"{threshold}%以上"
    tenths = _tenths_of_percent(numerator, denominator)
    if tenths == 0 and numerator > 0:
        return "不足0.1%"
    return _format_tenths(tenths)


# --- punctuation -------------------------------------------------------------------------------------

_HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
# A URL: scheme:// or www. followed by printable ASCII other than quotes and angle brackets; trailing
# sentence punctuation is not part of it (as linkifiers do).
_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[!#-;=?-~]+")
_URL_TRAILING = ",.;:!?)"


def _is_chinese(char: str | None) -> bool:
    """Whether a character belongs to Chinese running text (ideographs, CJK and full-width punctuation)."""
    if not char:
        return False
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= code <= 0x4DBF  # extension A
        or 0x20000 <= code <= 0x3134F  # extensions B-G
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0x3000 <= code <= 0x303F  # CJK symbols and punctuation: 、。〔〕《》「」
        or 0xFF00 <= code <= 0xFFEF  # full-width forms: ，：；（）
        or char in "“”‘’…—"
    )


def _url_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for match in _URL.finditer(text):
        start, end = match.span()
        while end > start and text[end - 1] in _URL_TRAILING:
            if text[end - 1] == ")" and text[start:end].count("(") >= text[start:end].count(")"):
                break  # a balanced parenthesis belongs to the URL
            end -= 1
        spans.append((start, end))
    return spans


def to_fullwidth_punctuation(text: str) -> str:
    """Half-width , : ; ( ) ? ! and straight double quotes in Chinese running text → full width.

    A mark is converted when the character right before or after it is Chinese (a space in between
    means the mark belongs to non-Chinese text).
    Parentheses and double quotes are converted in pairs (both or neither): a pair is Chinese when
    its content or its outside neighbours are. Digits, decimal points, percent signs, thousands
    separators (1,043), times (10:30), dates (2025-03-05), URLs and ASCII words are left alone.
    """
    chars = list(text)
    protected = [False] * len(chars)
    for start, end in _url_spans(text):
        for i in range(start, end):
            protected[i] = True

    def neighbour(i: int, step: int) -> str | None:
        i += step
        return text[i] if 0 <= i < len(text) else None

    def chinese_context(i: int) -> bool:
        return _is_chinese(neighbour(i, -1)) or _is_chinese(neighbour(i, +1))

    def pair_is_chinese(open_i: int, close_i: int) -> bool:
        inside = text[open_i + 1 : close_i]
        return (
            any(_is_chinese(c) for c in inside)
            or _is_chinese(neighbour(open_i, -1))
            or _is_chinese(neighbour(close_i, +1))
        )

    # parentheses, paired with a stack; a line break ends any open pairs
    stack: list[int] = []
    for i, char in enumerate(chars):
        if protected[i]:
            continue
        if char == "\n":
            for j in stack:
                if chinese_context(j):
                    chars[j] = "（"
            stack.clear()
        elif char == "(":
            stack.append(i)
        elif char == ")":
            if stack:
                j = stack.pop()
                if pair_is_chinese(j, i):
                    chars[j], chars[i] = "（", "）"
            elif chinese_context(i):
                chars[i] = "）"
    for j in stack:
        if chinese_context(j):
            chars[j] = "（"

    # straight double quotes, paired in order within a paragraph; an unpaired one is left alone
    for paragraph in re.finditer(r"[^\n]+", text):
        quotes = [i for i in range(paragraph.start(), paragraph.end()) if text[i] == '"' and not protected[i]]
        for open_i, close_i in zip(quotes[::2], quotes[1::2], strict=False):
            if pair_is_chinese(open_i, close_i):
                chars[open_i], chars[close_i] = "“", "”"

    # the other marks, one by one
    for i, char in enumerate(chars):
        if char in ",:;?!" and not protected[i] and chinese_context(i):
            chars[i] = _HALF_TO_FULL[char]
    return "".join(chars)


# --- dates and headings ------------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (1 to 99, as headings need)."""
    _check_int("n", n)
    if not 1 <= n <= 99:
        raise ValueError(f"chinese_numeral takes 1 to 99, got {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def chinese_ordinal_heading(n: int, level: int) -> str:
    """The ordinal of a heading: level 1 ``一、``, level 2 ``（一）``, level 3 ``一是``."""
    numeral = chinese_numeral(n)
    if level == 1:
        return f"{numeral}、"
    if level == 2:
        return f"（{numeral}）"
    if level == 3:
        return f"{numeral}是"
    raise ValueError(f"heading level must be 1, 2 or 3, got {level}")


def chinese_date(d: datetime.date) -> str:
    """``2025年3月5日`` (Arabic numerals, as GB/T 9704-2012 prints the date of a document)."""
    return f"{d.year}年{d.month}月{d.day}日"
