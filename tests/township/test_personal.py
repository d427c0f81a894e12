"""Validation, normalisation and masking of ID and phone numbers (township/personal.py)."""

import pytest
from django.core.exceptions import ValidationError

from township.personal import (
    id_number_birth_date,
    id_number_check_digit,
    is_mobile,
    mask_id_number,
    mask_phone,
    normalise_id_number,
    normalise_phone,
    validate_id_number,
    validate_phone,
)

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def with_check_digit(first17: str) -> str:
    """Complete 17 digits with their GB 11643-1999 check character, computed independently here."""
    remainder = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11
    return first17 + "10X98765432"[remainder]


def validation_code(validator, value):
    with pytest.raises(ValidationError) as excinfo:
        validator(value)
    return excinfo.value.code


# --- ID numbers -------------------------------------------------------------------------------

# From the reference sample sheet (disputes-2025.xlsx); both carry a correct check digit,
# verified against the independent helper above.
SAMPLE_IDS = ["500241198801085757", "500241197408171726"]
# The example in GB 11643-1999 Appendix A ends in X.
STANDARD_EXAMPLE_WITH_X = "11010519491231002X"


@pytest.mark.parametrize("number", [*SAMPLE_IDS, STANDARD_EXAMPLE_WITH_X])
def test_reference_id_numbers_have_a_correct_check_digit(number):
    assert with_check_digit(number[:17]) == number
    validate_id_number(number)  # does not raise


def test_check_digit_function_agrees_with_independent_computation():
    for body in ["50024119880108575", "11010519491231002", "44052418800101001", "00000000000000000"]:
        assert id_number_check_digit(body) == with_check_digit(body)[-1]


def bodies_for_every_remainder() -> dict[int, str]:
    """One valid 17-digit body (Daxi area code, 1988-01-08) for each remainder 0..10 of the weighted sum."""
    found: dict[int, str] = {}
    for sequence in range(1000):
        body = f"50024119880108{sequence:03d}"
        found.setdefault(sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11, body)
    assert len(found) == 11
    return found


@pytest.mark.parametrize(("remainder", "body"), sorted(bodies_for_every_remainder().items()))
def test_check_digit_is_right_for_every_remainder(remainder, body):
    expected = "10X98765432"[remainder]
    assert id_number_check_digit(body) == expected
    validate_id_number(body + expected)
    for other in "0123456789X".replace(expected, ""):
        assert validation_code(validate_id_number, body + other) == "id_number_check_digit"


def test_check_digit_function_rejects_wrong_length():
    with pytest.raises(ValueError, match="17"):
        id_number_check_digit("1234")


def test_id_number_with_wrong_check_digit_is_rejected():
    wrong = SAMPLE_IDS[0][:17] + "8"  # correct is 7
    assert validation_code(validate_id_number, wrong) == "id_number_check_digit"


def test_id_number_with_x_where_a_digit_is_due_is_rejected():
    assert validation_code(validate_id_number, SAMPLE_IDS[0][:17] + "X") == "id_number_check_digit"


def test_id_number_accepts_lowercase_x():
    validate_id_number(STANDARD_EXAMPLE_WITH_X.lower())


def test_id_number_accepts_full_width_digits_and_spaces():
    validate_id_number(" ５００２４１ １９８８０１０８ ５７５７ ")


@pytest.mark.parametrize(
    "value",
    [
        "50024119880108575",  # 17 characters
        "5002411988010857570",  # 19 characters
        "500241880108575",  # old 15-digit number
        "50024119880108575A",  # letter other than X
        "5002411988X108575X",  # X inside the body
    ],
)
def test_id_number_of_wrong_shape_is_rejected(value):
    assert validation_code(validate_id_number, value) == "id_number_format"


@pytest.mark.parametrize(
    "birth",
    [
        "19880230",  # 30 February
        "19881301",  # month 13
        "18991231",  # before 1900
        "29990101",  # in the future
    ],
)
def test_id_number_with_impossible_birth_date_is_rejected_even_with_a_good_check_digit(birth):
    number = with_check_digit("500241" + birth + "575")
    assert validation_code(validate_id_number, number) == "id_number_birth_date"


def test_id_number_birth_date_on_29_february_of_a_leap_year_is_valid():
    validate_id_number(with_check_digit("500241" + "20000229" + "123"))


@pytest.mark.parametrize("value", ["", None, "   "])
def test_empty_id_number_is_rejected(value):
    assert validation_code(validate_id_number, value) == "id_number_required"


def test_id_number_error_message_is_chinese():
    with pytest.raises(ValidationError) as excinfo:
        validate_id_number(SAMPLE_IDS[0][:17] + "8")
    assert "校验位" in str(excinfo.value.messages[0])


def test_id_number_birth_date_is_read_from_digits_7_to_14():
    from datetime import date

    assert id_number_birth_date(SAMPLE_IDS[0]) == date(1988, 1, 8)
    assert id_number_birth_date("123") is None


def test_normalise_id_number():
    assert normalise_id_number(" 11010519491231002x ") == STANDARD_EXAMPLE_WITH_X
    assert normalise_id_number("１１０１０５１９４９１２３１００２ｘ") == STANDARD_EXAMPLE_WITH_X
    assert normalise_id_number("500241 19880108 5757") == SAMPLE_IDS[0]
    assert normalise_id_number(None) == ""


# --- phone numbers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "13812345678",
        "19912345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "１３８１２３４５６７８",
        "023-76661234",  # Chongqing, 8-digit local number
        "0237666123",  # Chongqing, 7-digit local number, no hyphen
        "(023)76661234",
        "010-62345678",  # Beijing
        "0371-6123456",  # four-digit area code
        "023-76661234-801",  # extension
    ],
)
def test_valid_phone_numbers_pass(value):
    validate_phone(value)


@pytest.mark.parametrize(
    "value",
    [
        "12812345678",  # second digit 2 is not a mobile prefix
        "1381234567",  # 10 digits
        "138123456789",  # 12 digits
        "76661234",  # landline without area code
        "023-123456",  # local number too short
        "023-012345678",  # local number too long / starting with 0
        "电话13812345678",
    ],
)
def test_invalid_phone_numbers_are_rejected(value):
    assert validation_code(validate_phone, value) == "phone_format"


def test_empty_phone_is_rejected():
    assert validation_code(validate_phone, "") == "phone_required"


def test_phone_error_message_is_chinese():
    with pytest.raises(ValidationError) as excinfo:
        validate_phone("12345")
    assert "手机号" in str(excinfo.value.messages[0])


@pytest.mark.parametrize(
    ("raw", "normalised"),
    [
        ("138 1234 5678", "13812345678"),
        ("+86-138-1234-5678", "13812345678"),
        ("008613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),
        ("0237666123", "023-7666123"),
        ("02376661234", "023-76661234"),
        ("（023）76661234", "023-76661234"),
        ("0371 6123456", "0371-6123456"),
        ("023－76661234", "023-76661234"),
        (None, ""),
    ],
)
def test_normalise_phone(raw, normalised):
    assert normalise_phone(raw) == normalised


def test_is_mobile():
    assert is_mobile("138 1234 5678")
    assert not is_mobile("023-76661234")


# --- masking ----------------------------------------------------------------------------------


def test_mask_id_number_keeps_first_six_and_last_four():
    assert mask_id_number("500241198801085757") == "500241********5757"


def test_mask_id_number_normalises_first():
    assert mask_id_number("11010519491231002x") == "110105********002X"


@pytest.mark.parametrize(
    ("value", "masked"), [(None, ""), ("", ""), ("1234", "****"), ("5002411988", "*" * 10)]
)
def test_mask_id_number_is_safe_on_empty_and_short_values(value, masked):
    assert mask_id_number(value) == masked


def test_mask_id_number_never_shows_the_birth_date():
    assert "19880108" not in mask_id_number("500241198801085757")


def test_mask_phone_mobile():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("+86 138 1234 5678") == "138****5678"


def test_mask_phone_landline_keeps_area_code_and_last_two_digits():
    assert mask_phone("023-76661234") == "023-******34"
    assert mask_phone("0237666123") == "023-*****23"


@pytest.mark.parametrize(("value", "masked"), [(None, ""), ("", ""), ("12", "**"), ("12345", "***45")])
def test_mask_phone_is_safe_on_empty_short_and_unrecognised_values(value, masked):
    assert mask_phone(value) == masked
