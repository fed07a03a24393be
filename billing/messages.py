"""Stable ids for the refusals ``billing`` words for people, with their English text.

``billing`` stays free of Qt, so it cannot translate; instead each refusal the desk shows
carries one of these ids and the values that go in it (``AmountError.msg`` /
``RuleError.msg`` and ``msg_values``), besides its English text (``str(error)``, what the
server sends and logs, unchanged). The desktop words an id in the interface language from
its own table (``desktop/payments/messages.py``). Texts use ``%1``, ``%2``… for the values,
as Qt does, so a translation may put them in another order.
"""

from __future__ import annotations

import re
from enum import StrEnum

__all__ = ["EMPTY_VALUE", "ENGLISH", "Msg", "english"]

#: The value put in a refusal for a field left empty ("Card last digits (empty): …"); the
#: desk words it in its language like the text around it.
EMPTY_VALUE = "(empty)"


class Msg(StrEnum):
    """A refusal's id; the value is stable (tests and the desktop's table use it)."""

    # billing.money.parse_amount / check_ceiling
    AMOUNT_EMPTY = "amount_empty"
    AMOUNT_TOO_LONG = "amount_too_long"
    AMOUNT_NEGATIVE = "amount_negative"
    AMOUNT_AFTER_SIGN = "amount_after_sign"
    AMOUNT_NAN = "amount_nan"
    AMOUNT_DIGITS = "amount_digits"
    AMOUNT_EXPONENT = "amount_exponent"
    AMOUNT_POINTS = "amount_points"
    AMOUNT_LETTERS = "amount_letters"
    AMOUNT_CHARACTERS = "amount_characters"
    AMOUNT_ONLY_DIGITS = "amount_only_digits"
    AMOUNT_COMMA = "amount_comma"
    AMOUNT_DECIMALS = "amount_decimals"
    AMOUNT_TOO_MANY_DIGITS = "amount_too_many_digits"
    AMOUNT_ZERO = "amount_zero"
    AMOUNT_OVER_LIMIT = "amount_over_limit"
    AMOUNT_NOT_NUMBER = "amount_not_number"
    AMOUNT_MORE_DECIMALS = "amount_more_decimals"
    # billing.rules
    NOT_OUTSTANDING = "not_outstanding"
    POSTPAID_RECHARGE = "postpaid_recharge"
    DUES_OPEN = "dues_open"
    NO_PLAN = "no_plan"
    RECHARGE_AMOUNT = "recharge_amount"
    REFERENCE_REQUIRED = "reference_required"
    REFERENCE_TOO_LONG = "reference_too_long"
    REFERENCE_CONTROL = "reference_control"
    TENDERED_SHORT = "tendered_short"
    # billing.references
    UTR_LETTERS = "utr_letters"
    UTR_NOT_DIGITS = "utr_not_digits"
    UTR_LENGTH = "utr_length"
    IMPS_LENGTH = "imps_length"
    BANK_UTR_SHAPE = "bank_utr_shape"
    CARD_REQUIRED = "card_required"
    CARD_LAST4 = "card_last4"
    CARD_APPROVAL = "card_approval"
    CARD_SHAPE = "card_shape"
    CHEQUE_NUMBER = "cheque_number"
    CHEQUE_BANK = "cheque_bank"
    CHEQUE_POST_DATED = "cheque_post_dated"
    CHEQUE_STALE = "cheque_stale"
    CHEQUE_SHAPE = "cheque_shape"
    CHEQUE_DATE = "cheque_date"
    # billing.gstin
    GSTIN_EMPTY = "gstin_empty"
    GSTIN_LENGTH = "gstin_length"
    GSTIN_PATTERN = "gstin_pattern"
    GSTIN_CHARACTERS = "gstin_characters"
    GSTIN_CHECKSUM = "gstin_checksum"
    GSTIN_STATE_MISMATCH = "gstin_state_mismatch"
    STATE_UNKNOWN = "state_unknown"
    STATE_MERGED_25 = "state_merged_25"
    STATE_RETIRED_28 = "state_retired_28"
    # the kiosk's staff PIN (desktop.kiosk.pin)
    PIN_DIGITS_ONLY = "pin_digits_only"
    PIN_LENGTH = "pin_length"
    # db.due_list_query: why an account is on the due list (billing.lifecycle dates)
    DUE_PLAN_EXPIRED = "due_plan_expired"
    DUE_PLAN_EXPIRES_TODAY = "due_plan_expires_today"
    DUE_INVOICE_AFTER_GRACE = "due_invoice_after_grace"
    DUE_INVOICE_LAST_DAY = "due_invoice_last_day"
    DUE_INVOICE_DAYS_LEFT = "due_invoice_days_left"
    # sync.auth.SignInFailed
    SIGNIN_MISSING = "signin_missing"
    SIGNIN_BAD_SERVER = "signin_bad_server"
    SIGNIN_WRONG_PASSWORD = "signin_wrong_password"
    SIGNIN_LOCKED_OUT = "signin_locked_out"
    SIGNIN_OFFLINE_MISMATCH = "signin_offline_mismatch"
    SIGNIN_OFFLINE_UNKNOWN = "signin_offline_unknown"
    # billing.notice.Notice: what happened to the user's data (db.cache, sync)
    NOTICE_CACHE_DAMAGED = "notice_cache_damaged"
    NOTICE_CACHE_NEWER = "notice_cache_newer"
    NOTICE_CACHE_MISSING = "notice_cache_missing"
    NOTICE_SAME_SERVER = "notice_same_server"
    NOTICE_OTHER_SERVER = "notice_other_server"
    NOTICE_SERVER_MOVED = "notice_server_moved"
    NOTICE_SIGNED_IN_OFFLINE = "notice_signed_in_offline"
    NOTICE_SIGN_IN_TO_SYNC = "notice_sign_in_to_sync"
    NOTICE_NO_KEYRING = "notice_no_keyring"
    NOTICE_KEYRING_REFUSED = "notice_keyring_refused"
    NOTICE_APPLIED_AS = "notice_applied_as"

    # billing.tax (TaxError)
    TAX_NEGATIVE = "tax_negative"
    TAX_RATE_UNUSABLE = "tax_rate_unusable"
    TAX_RATE_NOT_PERCENT = "tax_rate_not_percent"
    TAX_RATE_EMPTY = "tax_rate_empty"
    # billing.documents (DocumentError) and the GST settings it is made from
    DOC_CREDIT_NOTE_NOT_REVERSED = "doc_credit_note_not_reversed"
    DOC_REFUND_VOUCHER_NOT_REVERSED = "doc_refund_voucher_not_reversed"
    DOC_INVOICE_NUMBER = "doc_invoice_number"
    DOC_DEVICE_CODE = "doc_device_code"
    DOC_COUNTER = "doc_counter"
    DOC_DEVICE_CODE_LONG = "doc_device_code_long"
    DOC_RECEIPT_VOUCHER_SERIES_FULL = "doc_receipt_voucher_series_full"
    DOC_CREDIT_NOTE_SERIES_FULL = "doc_credit_note_series_full"
    DOC_REFUND_VOUCHER_SERIES_FULL = "doc_refund_voucher_series_full"
    DOC_LEGAL_NAME = "doc_legal_name"
    DOC_ADDRESS = "doc_address"
    DOC_SAC = "doc_sac"
    DOC_GSTIN_UNSET = "doc_gstin_unset"
    DOC_CREDIT_NOTE_ORIGINAL = "doc_credit_note_original"
    DOC_REFUND_VOUCHER_ORIGINAL = "doc_refund_voucher_original"
    DOC_NUMBER_LONG = "doc_number_long"
    DOC_PAYMENT_OF_DUES = "doc_payment_of_dues"
    # db.contact_validation: contact and technical fields (%1 a db.contact_validation.FieldName)
    FIELD_REQUIRED = "field_required"
    FIELD_NOT_TEXT = "field_not_text"
    FIELD_TOO_LONG = "field_too_long"
    FIELD_NOT_EDITABLE = "field_not_editable"
    MOBILE_LETTERS = "mobile_letters"
    MOBILE_NOT_NUMBER = "mobile_not_number"
    MOBILE_INVALID = "mobile_invalid"
    MOBILE_LANDLINE = "mobile_landline"
    ALT_MOBILE_SAME = "alt_mobile_same"
    EMAIL_TOO_LONG = "email_too_long"
    EMAIL_SPACE = "email_space"
    EMAIL_INVALID = "email_invalid"
    IP_INVALID = "ip_invalid"
    MAC_INVALID = "mac_invalid"
    VLAN_NOT_NUMBER = "vlan_not_number"
    VLAN_RANGE = "vlan_range"
    # db.local_writes: comments, tags and edits
    COMMENT_EMPTY = "comment_empty"
    COMMENT_TOO_LONG = "comment_too_long"
    ACCOUNT_NOT_LOCAL = "account_not_local"
    TAG_NOT_OFFERED = "tag_not_offered"
    TAG_ALREADY_ON = "tag_already_on"
    TAG_NOT_ON = "tag_not_on"
    EDIT_ACCOUNT_MOVED = "edit_account_moved"
    EDIT_FIELD_MOVED = "edit_field_moved"


ENGLISH: dict[Msg, str] = {
    Msg.AMOUNT_EMPTY: "Enter an amount.",
    Msg.AMOUNT_TOO_LONG:
        "Amount is %1 characters long; type the amount itself, like 1250.50.",
    Msg.AMOUNT_NEGATIVE: "Amount cannot be negative.",
    Msg.AMOUNT_AFTER_SIGN: "Enter an amount after the currency sign.",
    Msg.AMOUNT_NAN: "Amount must be a number like 1250.50, not NaN or infinity.",
    Msg.AMOUNT_DIGITS: "Amount must use the digits 0 to 9.",
    Msg.AMOUNT_EXPONENT: "Amount must be plain digits like 1250.50, not an exponent.",
    Msg.AMOUNT_POINTS: "Amount has more than one decimal point; use one, like 1250.50.",
    Msg.AMOUNT_LETTERS: "Amount must be a number like 1250.50, without letters.",
    Msg.AMOUNT_CHARACTERS:
        "Amount may use only digits, commas and one decimal point: 1,250.50.",
    Msg.AMOUNT_ONLY_DIGITS: "Amount must be a number like 1250.50, using only digits.",
    Msg.AMOUNT_COMMA:
        "Amount has a misplaced comma; write it like 1,23,456.78 or 123456.78.",
    # %1: the count in English words ("three"), %2: the same count in digits.
    Msg.AMOUNT_DECIMALS: "Amount has %1 decimals; use at most two.",
    Msg.AMOUNT_TOO_MANY_DIGITS: "Amount has %1 digits before the point; use at most %2.",
    Msg.AMOUNT_ZERO: "Amount must be more than zero.",
    Msg.AMOUNT_OVER_LIMIT: "Amount %1 is over the limit of %2.",
    Msg.AMOUNT_NOT_NUMBER: "Amount must be a number, not NaN or infinity.",
    Msg.AMOUNT_MORE_DECIMALS: "Amount %1 has more than two decimals; use at most two.",
    Msg.NOT_OUTSTANDING: "Nothing is due on this account (balance %1); take an Advance instead.",
    Msg.POSTPAID_RECHARGE:
        "Recharge is only for prepaid accounts; take a Payment or an Advance instead.",
    Msg.DUES_OPEN: "This account owes %1; take a Payment to clear the dues first.",
    Msg.NO_PLAN: "Choose a plan to recharge.",
    Msg.RECHARGE_AMOUNT:
        "Recharge amount must be %1: plan price %2 less advance credit %3.",
    # %1: what to enter ("the cheque number"), %2: the method ("Cheque").
    Msg.REFERENCE_REQUIRED: "Enter %1 for this %2 payment.",
    Msg.REFERENCE_TOO_LONG: "Reference is %1 characters long; use at most %2.",
    Msg.REFERENCE_CONTROL:
        "Reference has a line break or control character; type it on one line.",
    Msg.TENDERED_SHORT:
        "Cash tendered %1 is less than the amount %2; take at least %2.",
    # %1: "UPI UTR", %2: what was typed, %3: the digits a UTR has, %4: the digits typed.
    Msg.UTR_LETTERS: "%1 %2 has letters; a %1 is %3 digits only. Copy it from the customer's "
                     "payment app (UPI Ref. No. / UTR).",
    Msg.UTR_NOT_DIGITS: "%1 %2 may use only the digits 0 to 9; a %1 is %3 of them.",
    Msg.UTR_LENGTH: "%1 %2 has %4 digits; a %1 has exactly %3. Check the number in the "
                    "customer's payment app (UPI Ref. No. / UTR).",
    Msg.IMPS_LENGTH: "Bank transfer UTR %1 has %2 digits; an IMPS reference has exactly 12. "
                     "A NEFT or RTGS UTR has 16 to 22 characters starting with the bank's code.",
    Msg.BANK_UTR_SHAPE:
        "Bank transfer UTR %1 is not a UTR: use the 12-digit IMPS reference, or the NEFT / "
        "RTGS UTR of 16 to 22 letters and digits starting with the bank's 4-letter code (like "
        "SBINN52026120112345).",
    Msg.CARD_REQUIRED: "Enter the card's last 4 digits and the approval code from the slip.",
    Msg.CARD_LAST4: "Card last digits %1: enter exactly the last 4 digits of the card, as "
                    "printed on the slip (never the whole number).",
    Msg.CARD_APPROVAL: "Approval code %1: enter the 6 letters or digits printed as APPR / AUTH "
                       "CODE on the card slip.",
    Msg.CARD_SHAPE: "A card reference is the card's last 4 digits and the 6-character approval "
                    "code from the slip, like: xx1234 auth A1B2C3.",
    Msg.CHEQUE_NUMBER: "Cheque number %1: enter the 6 digits printed at the bottom left of the "
                       "cheque, like 004512.",
    Msg.CHEQUE_BANK: "Enter the bank the cheque is drawn on (2 to 60 letters), like State "
                     "Bank of India.",
    Msg.CHEQUE_POST_DATED: "The cheque is dated %1, after today: it is post-dated. Take it on "
                           "or after its date.",
    Msg.CHEQUE_STALE: "The cheque is dated %1, more than three months ago: it is stale and "
                      "the bank will not pay it. Ask for a fresh cheque.",
    Msg.CHEQUE_SHAPE: "A cheque reference is: number / bank / date, like 004512 / State Bank "
                      "of India / 2026-12-01.",
    Msg.CHEQUE_DATE: "Cheque date %1 is not a date like 2026-12-01.",
    Msg.GSTIN_EMPTY: "Enter the GSTIN: 15 characters, like 33AACCM9093R1ZP.",
    Msg.GSTIN_LENGTH:
        "GSTIN has %1 characters; a GSTIN has exactly 15, like 33AACCM9093R1ZP.",
    Msg.GSTIN_PATTERN:
        "GSTIN %1 is not in the GSTIN pattern: 2 digits (state), the PAN (5 letters, 4 digits, "
        "1 letter), 1 entity character, Z, 1 check character.",
    Msg.GSTIN_CHARACTERS: "A GSTIN's first 14 characters are digits and capital letters.",
    # %1: the GSTIN, %2: the check character it should end with.
    Msg.GSTIN_CHECKSUM:
        "GSTIN %1 has a wrong check character: the last character should be %2 for these "
        "first 14. Check the GSTIN on the customer's registration certificate; one character "
        "is probably mistyped.",
    # %1: the GSTIN, %2/%3: its state's name and code, %4/%5: the state given.
    Msg.GSTIN_STATE_MISMATCH:
        "GSTIN %1 is registered in %2 (%3), but the state given is %4 (%5). Use the GSTIN "
        "registered in that state, or correct the state.",
    Msg.STATE_UNKNOWN:
        "State code %1 is not a GST state code; use two digits from 01 to 38, 97 or 99 "
        "(Tamil Nadu is 33).",
    Msg.STATE_MERGED_25:
        "State code 25 (Daman and Diu) was merged into 26 in 2020; use 26.",
    Msg.STATE_RETIRED_28:
        "State code 28 (Andhra Pradesh, before 2014) is no longer issued; use 37.",
    Msg.PIN_DIGITS_ONLY: "A staff PIN is digits only.",
    Msg.PIN_LENGTH: "Use %1 to %2 digits for the staff PIN.",
    # %1: a date (27 Nov 2026; the desk shows it in its language).
    Msg.DUE_PLAN_EXPIRED: "plan expired %1",
    Msg.DUE_PLAN_EXPIRES_TODAY: "plan expires today",
    Msg.DUE_INVOICE_AFTER_GRACE: "invoice of %1 unpaid after grace",
    Msg.DUE_INVOICE_LAST_DAY: "invoice of %1: last day to pay",
    # %2: the days left, 2 or more.
    Msg.DUE_INVOICE_DAYS_LEFT: "invoice of %1: %2 days left to pay",
    # %1: the amount in paise, as a number.
    Msg.TAX_NEGATIVE:
        "GST cannot be computed on a negative amount (%1 paise): the tax would be negative. "
        "Record a reversal with a credit note instead.",
    # %1: the rate as typed or stored (18.01%, or a negative number of basis points).
    Msg.TAX_RATE_UNUSABLE:
        "GST rate %1 is not usable; use a rate from 0% to 100% with at most two decimals that "
        "halves exactly (CGST and SGST are half each), like 18.",
    Msg.TAX_RATE_NOT_PERCENT: "GST rate %1 is not a percentage; type it like 18 or 12.5.",
    Msg.TAX_RATE_EMPTY: "GST rate (empty) is not a percentage; type it like 18 or 12.5.",
    Msg.DOC_CREDIT_NOTE_NOT_REVERSED: "A credit note is itself a reversal; it is not reversed.",
    Msg.DOC_REFUND_VOUCHER_NOT_REVERSED:
        "A refund voucher is itself a reversal; it is not reversed.",
    Msg.DOC_INVOICE_NUMBER: "A tax invoice carries the number the server gave the invoice.",
    # %1: the device code as given, quoted ('D1 A').
    Msg.DOC_DEVICE_CODE: "Device code %1 is not letters and digits.",
    Msg.DOC_COUNTER: "A document counter starts at 1.",
    Msg.DOC_DEVICE_CODE_LONG:
        "Device code %1 is too long for 16-character document numbers; use a device code of "
        "at most 9 characters.",
    # %1: the series (its number without the counter, like R26D1A2B3C).
    Msg.DOC_RECEIPT_VOUCHER_SERIES_FULL:
        "The receipt voucher series %1 is full for this financial year.",
    Msg.DOC_CREDIT_NOTE_SERIES_FULL:
        "The credit note series %1 is full for this financial year.",
    Msg.DOC_REFUND_VOUCHER_SERIES_FULL:
        "The refund voucher series %1 is full for this financial year.",
    Msg.DOC_LEGAL_NAME: "Set the operator's legal name under Settings → GST.",
    Msg.DOC_ADDRESS: "Set the operator's address under Settings → GST.",
    Msg.DOC_SAC: "SAC %1 is not a 6-digit services code like 998422.",
    Msg.DOC_GSTIN_UNSET: "Set the operator's GSTIN under Settings → GST.",
    Msg.DOC_CREDIT_NOTE_ORIGINAL:
        "A credit note names the document it reverses, its date, and the reason.",
    Msg.DOC_REFUND_VOUCHER_ORIGINAL:
        "A refund voucher names the document it reverses, its date, and the reason.",
    Msg.DOC_NUMBER_LONG: "Document number %1 is longer than 16 characters.",
    Msg.DOC_PAYMENT_OF_DUES:
        "A Payment of dues is covered by the tax invoice of the bill it pays; receipt "
        "vouchers are for Advance and Recharge.",
    Msg.SIGNIN_MISSING: "Enter your user name and password.",
    Msg.SIGNIN_BAD_SERVER:
        "The server address must look like https://portal.example.in (or http://), with a "
        "port from 1 to 65535 if it has one.",
    Msg.SIGNIN_WRONG_PASSWORD: "The user name or password is wrong.",
    # %1: whole minutes to wait (the server's Retry-After, rounded up)
    Msg.SIGNIN_LOCKED_OUT: "Too many failed sign-ins; try again in %1 minute(s).",
    Msg.SIGNIN_OFFLINE_MISMATCH:
        "The server cannot be reached and the password does not match the one last used on "
        "this PC.",
    Msg.SIGNIN_OFFLINE_UNKNOWN:
        "The server cannot be reached. Sign in once while connected; after that you can "
        "sign in on this PC without a connection.",
    Msg.NOTICE_CACHE_DAMAGED:
        "The local copy of the accounts was damaged and has been thrown away; "
        "it is being rebuilt from the server. Unsent payments and edits are kept.",
    Msg.NOTICE_CACHE_NEWER:
        "The local copy of the accounts was made by a newer version of Partner Desk and has "
        "been thrown away; it is being rebuilt from the server. Unsent payments and edits "
        "are kept.",
    Msg.NOTICE_CACHE_MISSING:
        "The local copy of the accounts was missing or empty; it is being rebuilt from the "
        "server. Unsent payments and edits are kept.",
    # %1: the server's address
    Msg.NOTICE_SAME_SERVER:
        "Connected to %1: it is the same server this PC's copy of the accounts came from, "
        "so the copy was kept.",
    Msg.NOTICE_OTHER_SERVER:
        "%1 is a different server from the one this PC's copy of the accounts came from, "
        "so the copy is being rebuilt from it now. Payments and changes waiting to be sent "
        "are kept and sent to it.",
    # %1: the new server's address, %2: the old one's
    Msg.NOTICE_SERVER_MOVED:
        "%1 is a different server from %2, where this PC's copy of the accounts came from; "
        "the copy is rebuilt from it. Payments waiting to be sent are kept.",
    Msg.NOTICE_SIGNED_IN_OFFLINE:
        "Signed in offline; changes are kept on this PC and sent when the server can be "
        "reached.",
    Msg.NOTICE_SIGN_IN_TO_SYNC: "Sign in again once connected to sync.",
    Msg.NOTICE_KEYRING_REFUSED:
        "Your sign-in could not be saved in the system keyring; you will need to sign in "
        "again next time.",
    Msg.NOTICE_NO_KEYRING:
        "This PC has no system keyring, so your sign-in is kept only until the app closes; "
        "you will need to sign in again next time.",
    # %1: receipt number, %2: account id, %3: head office's own words (English)
    Msg.NOTICE_APPLIED_AS: "Receipt %1 (account %2): %3",
    # %1: the field's name; FIELD_TOO_LONG %2: characters typed, %3: the most allowed
    Msg.FIELD_REQUIRED: "%1 is required.",
    Msg.FIELD_NOT_TEXT: "%1 must be text.",
    Msg.FIELD_TOO_LONG: "%1 has %2 characters; shorten it to at most %3.",
    Msg.FIELD_NOT_EDITABLE: "%1 cannot be edited here.",
    Msg.MOBILE_LETTERS: "%1 has letters in it; type digits only, e.g. 98765 43210.",
    Msg.MOBILE_NOT_NUMBER: "%1 is not a phone number; type 10 digits, e.g. 98765 43210.",
    # %2 (and EMAIL/IP/MAC_INVALID's %1): what was typed, quoted ('12345')
    Msg.MOBILE_INVALID: "%1 %2 is not a valid number; an Indian mobile has 10 digits starting "
                        "with 6, 7, 8 or 9.",
    Msg.MOBILE_LANDLINE: "%1 %2 is a landline; enter a mobile number.",
    Msg.ALT_MOBILE_SAME: "Alternate mobile is the same as the mobile; clear it.",
    Msg.EMAIL_TOO_LONG: "Email is longer than %1 characters.",
    Msg.EMAIL_SPACE: "Email contains a space; remove it.",
    Msg.EMAIL_INVALID: "Email %1 is not an address; use the form name@example.com.",
    Msg.IP_INVALID: "IP address %1 is not valid; e.g. 100.64.1.20.",
    Msg.MAC_INVALID: "MAC address %1 is not valid; e.g. AA:BB:CC:DD:EE:FF.",
    Msg.VLAN_NOT_NUMBER: "VLAN must be a whole number.",
    Msg.VLAN_RANGE: "VLAN must be a whole number from %1 to %2.",
    Msg.COMMENT_EMPTY: "The comment is empty; type a note.",
    Msg.COMMENT_TOO_LONG: "The comment has %1 characters; shorten it to at most %2.",
    Msg.ACCOUNT_NOT_LOCAL: "Account %1 is no longer in the local copy.",
    Msg.TAG_NOT_OFFERED: "That tag is not offered for this account's branch.",
    Msg.TAG_ALREADY_ON: "The account already has the tag %1.",  # %1: its name, quoted
    Msg.TAG_NOT_ON: "The account does not have that tag (any more).",
    # %1: the account, %2: the version the form showed, %3: the version now
    Msg.EDIT_ACCOUNT_MOVED:
        "Account %1 was updated (version %2 → %3) after you opened it. Nothing was "
        "saved; the current values are shown — check them and save again.",
    Msg.EDIT_FIELD_MOVED:
        "Another edit of this account, not yet sent, changed the same field. Nothing was "
        "saved; the current values are shown — check them and save again.",
}
"""Each id's English text; ``str(error)`` is this text with the values put in."""

_PLACE = re.compile(r"%([1-9])")


def english(msg: Msg, *values: object) -> str:
    """The English text of ``msg`` with ``values`` in its ``%1``, ``%2``… (one pass)."""

    def value(match: re.Match[str]) -> str:
        index = int(match[1]) - 1
        return str(values[index]) if index < len(values) else match[0]

    return _PLACE.sub(value, ENGLISH[msg])
