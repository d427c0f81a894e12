"""Personal data of petitioners, dispute parties and penalised persons: validate, normalise, mask.

ID numbers are sensitive personal information (《个人信息保护法》第二十八条); the ledgers keep them
normalised, validate them against GB 11643-1999, and show them masked unless a role may reveal them
(第五十一条: 去标识化). Phone numbers follow the mainland numbering plan (《电信网编号计划》).

Forms should call ``normalise_*`` in ``clean_<field>`` and store the normalised value; the
validators accept anything that normalises to a valid value, so they can sit on model fields too.
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

__all__ = [
    "ID_NUMBER_CHECK_MAP",
    "ID_NUMBER_WEIGHTS",
    "id_number_birth_date",
    "id_number_check_digit",
    "is_mobile",
    "mask_id_number",
    "mask_personal",
    "mask_phone",
    "normalise_id_number",
    "normalise_phone",
    "validate_id_number",
    "validate_phone",
]

#: GB 11643-1999 §5.5 (ISO 7064:1983 MOD 11-2) weights of the first 17 digits.
ID_NUMBER_WEIGHTS: tuple[int, ...] = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
#: Check character for each remainder 0..10 of the weighted sum modulo 11.
ID_NUMBER_CHECK_MAP = "10X98765432"

# Full-width digits, letters X/x, hyphens/dashes and brackets that Chinese input methods produce.
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９Ｘｘ－—–‐（）＋",
    "0123456789Xx----()+",
)
_ID_RE = re.compile(r"^\d{17}[\dX]$")
_MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
# Area code: 010 and 020-029 have three digits (incl. the 0), all others four; local number 7-8 digits.
_LANDLINE_RE = re.compile(r"^(?P<area>0(?:10|2\d|[3-9]\d{2}))-(?P<local>[2-9]\d{6,7})(?:-(?P<ext>\d{1,6}))?$")
_EARLIEST_BIRTH_YEAR = 1900


def _text(value: object) -> str:
    """The value as text, None as an empty string."""
    return "" if value is None else str(value)


def normalise_id_number(value: object) -> str:
    """Canonical ID number: ASCII digits, upper-case X, no spaces (GB 11643-1999 §5.1)."""
    text = _text(value).translate(_FULLWIDTH)
    return "".join(text.split()).upper()


def id_number_check_digit(first17: str) -> str:
    """The check character of 17 body digits (GB 11643-1999 §5.5, ISO 7064 MOD 11-2)."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("expected exactly 17 ASCII digits")
    total = sum(int(digit) * weight for digit, weight in zip(first17, ID_NUMBER_WEIGHTS, strict=True))
    return ID_NUMBER_CHECK_MAP[total % 11]


def id_number_birth_date(value: object) -> datetime.date | None:
    """The birth date in digits 7-14, None when absent or impossible (GB 11643-1999 §5.3)."""
    number = normalise_id_number(value)
    if len(number) != 18 or not number[6:14].isdigit():
        return None
    try:
        return datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def validate_id_number(value: object) -> None:
    """Raise ValidationError unless an 18-digit ID, valid birth date and check digit (GB 11643-1999 §5)."""
    number = normalise_id_number(value)
    if not number:
        raise ValidationError(_("请填写身份证号码。"), code="id_number_required")
    if not _ID_RE.match(number):
        raise ValidationError(
            _("身份证号码应为18位：前17位为数字，最后一位为数字或X。"), code="id_number_format"
        )
    birth = id_number_birth_date(number)
    today = datetime.datetime.now(tz=datetime.UTC).date()
    if birth is None or birth.year < _EARLIEST_BIRTH_YEAR or birth > today:
        raise ValidationError(
            _("身份证号码中的出生日期（第7至14位）不是有效日期，请核对。"), code="id_number_birth_date"
        )
    if id_number_check_digit(number[:17]) != number[17]:
        raise ValidationError(
            _("身份证号码校验位（最后一位）不正确，请核对是否录入有误。"), code="id_number_check_digit"
        )


def normalise_phone(value: object) -> str:
    """Canonical phone: mobile as 11 digits, landline as 区号-号码[-分机] (《电信网编号计划》)."""
    text = "".join(_text(value).translate(_FULLWIDTH).split())
    if not text:
        return ""
    # (023)76661234 -> 023-76661234
    text = re.sub(r"^\((0\d{2,3})\)-?", r"\1-", text)
    digits = text.replace("-", "")
    if not digits.isdigit():
        plus = digits.startswith("+") and digits[1:].isdigit()
        if not plus:
            return text
        digits = digits[1:]
    # international prefix of a mainland mobile: +86 / 0086 / 86
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and _MOBILE_RE.match(digits[len(prefix) :]):
            return digits[len(prefix) :]
    if _MOBILE_RE.match(digits):
        return digits
    if digits.startswith("0"):
        parts = text.lstrip("+").split("-")
        extension = parts[2] if len(parts) == 3 else ""
        body = digits[: len(digits) - len(extension)]
        area_length = 3 if body.startswith(("010", "02")) else 4
        normalised = f"{body[:area_length]}-{body[area_length:]}"
        return f"{normalised}-{extension}" if extension else normalised
    return text


def is_mobile(value: object) -> bool:
    """True for a mainland mobile number 1[3-9]xxxxxxxxx (《电信网编号计划》)."""
    return bool(_MOBILE_RE.match(normalise_phone(value)))


def validate_phone(value: object) -> None:
    """Raise ValidationError unless a mainland mobile or a landline with area code (《电信网编号计划》)."""
    phone = normalise_phone(value)
    if not phone:
        raise ValidationError(_("请填写联系电话。"), code="phone_required")
    if _MOBILE_RE.match(phone) or _LANDLINE_RE.match(phone):
        return
    raise ValidationError(
        _("联系电话格式不正确：手机号应为11位（如13812345678），固定电话须带区号（如023-76661234）。"),
        code="phone_format",
    )


def _mask_middle(text: str, keep_start: int, keep_end: int) -> str:
    """Replace all but the first keep_start and last keep_end characters with '*'."""
    if len(text) <= keep_start + keep_end:
        return "*" * len(text)
    return text[:keep_start] + "*" * (len(text) - keep_start - keep_end) + text[len(text) - keep_end :]


def mask_id_number(value: object) -> str:
    """Keep the first 6 and last 4: 500241********5757 (《个人信息保护法》第二十八、五十一条)."""
    number = normalise_id_number(value)
    if len(number) < 11:  # too short to keep anything without revealing most of it
        return "*" * len(number)
    return _mask_middle(number, 6, 4)


def mask_phone(value: object) -> str:
    """Mobile 138****5678; landline keeps area code and last 2 digits (《个人信息保护法》第五十一条)."""
    phone = normalise_phone(value)
    if not phone:
        return ""
    if _MOBILE_RE.match(phone):
        return _mask_middle(phone, 3, 4)
    landline = _LANDLINE_RE.match(phone)
    if landline:
        return f"{landline['area']}-{_mask_middle(landline['local'], 0, 2)}"
    return _mask_middle(phone, 0, 2)


def mask_personal(kind: str, value) -> str:
    """Mask a value by its kind: "id_number" or "phone" (what a ledger's personal_fields declare)."""
    return mask_id_number(value) if kind == "id_number" else mask_phone(value)
