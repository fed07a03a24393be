"""Refusals made below the desktop (``billing/``, ``db/``) in the interface language.

``billing`` stays Qt-free: a refusal there carries a stable message id
(``billing.messages.Msg``) and its values, besides its English text. This module is the one
table that words each id for the screen, with ``QCoreApplication.translate`` in the fixed
context ``BillingMessage`` (so ``pyside6-lupdate`` extracts every text, and the Tamil
translation sits in ``resources/i18n/partner_desk_ta.ts`` with the rest). A refusal without an
id (or with one this table does not know) is shown as its English text, as before.

It is longer than 400 lines because it is one table: an entry per message id (120 of them,
each its English text in ``QT_TRANSLATE_NOOP`` for the translator) and the server's codes.
Split in two, a missing id would have two places to be looked for; the table test
(``tests/desktop/test_payment_messages.py``) checks the one table against ``Msg``.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from billing.messages import EMPTY_VALUE, Msg, english
from billing.notice import Notice
from db.contact_validation import FIELD_LABELS, FieldName, ValidationFailed
from desktop.detail.format import field_name
from desktop.language.i18n import QT_TRANSLATE_NOOP, fill

CONTEXT = "BillingMessage"

TEXTS: dict[Msg, str] = {
    Msg.AMOUNT_EMPTY: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Enter an amount.'),
    Msg.AMOUNT_TOO_LONG: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Amount is %1 characters long; type the amount itself, like 1250.50.'),
    Msg.AMOUNT_NEGATIVE: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Amount cannot be negative.'),
    Msg.AMOUNT_AFTER_SIGN: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Enter an amount after the currency sign.'),
    Msg.AMOUNT_NAN: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Amount must be a number like 1250.50, not NaN or infinity.'),
    Msg.AMOUNT_DIGITS: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Amount must use the digits 0 to 9.'),
    Msg.AMOUNT_EXPONENT: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Amount must be plain digits like 1250.50, not an exponent.'),
    Msg.AMOUNT_POINTS: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Amount has more than one decimal point; use one, like 1250.50.'),
    Msg.AMOUNT_LETTERS: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Amount must be a number like 1250.50, without letters.'),
    Msg.AMOUNT_CHARACTERS: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Amount may use only digits, commas and one decimal point: 1,250.50.'),
    Msg.AMOUNT_ONLY_DIGITS: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Amount must be a number like 1250.50, using only digits.'),
    Msg.AMOUNT_COMMA: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Amount has a misplaced comma; write it like 1,23,456.78 or 123456.78.'),
    Msg.AMOUNT_DECIMALS: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Amount has %1 decimals; use at most two.'),
    Msg.AMOUNT_TOO_MANY_DIGITS: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Amount has %1 digits before the point; use at most %2.'),
    Msg.AMOUNT_ZERO: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Amount must be more than zero.'),
    Msg.AMOUNT_OVER_LIMIT: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Amount %1 is over the limit of %2.'),
    Msg.AMOUNT_NOT_NUMBER: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Amount must be a number, not NaN or infinity.'),
    Msg.AMOUNT_MORE_DECIMALS: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Amount %1 has more than two decimals; use at most two.'),
    Msg.NOT_OUTSTANDING: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Nothing is due on this account (balance %1); take an Advance instead.'),
    Msg.POSTPAID_RECHARGE: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Recharge is only for prepaid accounts; take a Payment or an Advance instead.'),
    Msg.DUES_OPEN: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'This account owes %1; take a Payment to clear the dues first.'),
    Msg.NO_PLAN: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Choose a plan to recharge.'),
    Msg.RECHARGE_AMOUNT: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Recharge amount must be %1: plan price %2 less advance credit %3.'),
    Msg.REFERENCE_REQUIRED: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Enter %1 for this %2 payment.'),
    Msg.REFERENCE_TOO_LONG: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Reference is %1 characters long; use at most %2.'),
    Msg.REFERENCE_CONTROL: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Reference has a line break or control character; type it on one line.'),
    Msg.TENDERED_SHORT: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Cash tendered %1 is less than the amount %2; take at least %2.'),
    Msg.UTR_LETTERS: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "%1 %2 has letters; a %1 is %3 digits only. Copy it from the customer's payment "
        'app (UPI Ref. No. / UTR).'),
    Msg.UTR_NOT_DIGITS: QT_TRANSLATE_NOOP(
        "BillingMessage",
        '%1 %2 may use only the digits 0 to 9; a %1 is %3 of them.'),
    Msg.UTR_LENGTH: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "%1 %2 has %4 digits; a %1 has exactly %3. Check the number in the customer's "
        'payment app (UPI Ref. No. / UTR).'),
    Msg.IMPS_LENGTH: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Bank transfer UTR %1 has %2 digits; an IMPS reference has exactly 12. A NEFT or '
        "RTGS UTR has 16 to 22 characters starting with the bank's code."),
    Msg.BANK_UTR_SHAPE: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Bank transfer UTR %1 is not a UTR: use the 12-digit IMPS reference, or the NEFT '
        "/ RTGS UTR of 16 to 22 letters and digits starting with the bank's 4-letter code"
        ' (like SBINN52026120112345).'),
    Msg.CARD_REQUIRED: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "Enter the card's last 4 digits and the approval code from the slip."),
    Msg.CARD_LAST4: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Card last digits %1: enter exactly the last 4 digits of the card, as printed on '
        'the slip (never the whole number).'),
    Msg.CARD_APPROVAL: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Approval code %1: enter the 6 letters or digits printed as APPR / AUTH CODE on '
        'the card slip.'),
    Msg.CARD_SHAPE: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "A card reference is the card's last 4 digits and the 6-character approval code "
        'from the slip, like: xx1234 auth A1B2C3.'),
    Msg.CHEQUE_NUMBER: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Cheque number %1: enter the 6 digits printed at the bottom left of the cheque, '
        'like 004512.'),
    Msg.CHEQUE_BANK: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Enter the bank the cheque is drawn on (2 to 60 letters), like State Bank of '
        'India.'),
    Msg.CHEQUE_POST_DATED: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'The cheque is dated %1, after today: it is post-dated. Take it on or after its '
        'date.'),
    Msg.CHEQUE_STALE: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'The cheque is dated %1, more than three months ago: it is stale and the bank '
        'will not pay it. Ask for a fresh cheque.'),
    Msg.CHEQUE_SHAPE: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'A cheque reference is: number / bank / date, like 004512 / State Bank of India /'
        ' 2026-12-01.'),
    Msg.CHEQUE_DATE: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Cheque date %1 is not a date like 2026-12-01.'),
    Msg.GSTIN_EMPTY: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Enter the GSTIN: 15 characters, like 33AACCM9093R1ZP.'),
    Msg.GSTIN_LENGTH: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'GSTIN has %1 characters; a GSTIN has exactly 15, like 33AACCM9093R1ZP.'),
    Msg.GSTIN_PATTERN: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'GSTIN %1 is not in the GSTIN pattern: 2 digits (state), the PAN (5 letters, 4 '
        'digits, 1 letter), 1 entity character, Z, 1 check character.'),
    Msg.GSTIN_CHARACTERS: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "A GSTIN's first 14 characters are digits and capital letters."),
    Msg.GSTIN_CHECKSUM: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'GSTIN %1 has a wrong check character: the last character should be %2 for these '
        "first 14. Check the GSTIN on the customer's registration certificate; one character "
        'is probably mistyped.'),
    Msg.GSTIN_STATE_MISMATCH: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'GSTIN %1 is registered in %2 (%3), but the state given is %4 (%5). Use the GSTIN '
        'registered in that state, or correct the state.'),
    Msg.STATE_UNKNOWN: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'State code %1 is not a GST state code; use two digits from 01 to 38, 97 or 99 (Tamil'
        ' Nadu is 33).'),
    Msg.STATE_MERGED_25: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'State code 25 (Daman and Diu) was merged into 26 in 2020; use 26.'),
    Msg.STATE_RETIRED_28: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'State code 28 (Andhra Pradesh, before 2014) is no longer issued; use 37.'),
    Msg.PIN_DIGITS_ONLY: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'A staff PIN is digits only.'),
    Msg.PIN_LENGTH: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Use %1 to %2 digits for the staff PIN.'),
    Msg.DUE_PLAN_EXPIRED: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'plan expired %1'),
    Msg.DUE_PLAN_EXPIRES_TODAY: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'plan expires today'),
    Msg.DUE_INVOICE_AFTER_GRACE: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'invoice of %1 unpaid after grace'),
    Msg.DUE_INVOICE_LAST_DAY: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'invoice of %1: last day to pay'),
    Msg.DUE_INVOICE_DAYS_LEFT: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'invoice of %1: %2 days left to pay'),
    Msg.TAX_NEGATIVE: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'GST cannot be computed on a negative amount (%1 paise): the tax would be '
        'negative. Record a reversal with a credit note instead.'),
    Msg.TAX_RATE_UNUSABLE: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'GST rate %1 is not usable; use a rate from 0% to 100% with at most two decimals '
        'that halves exactly (CGST and SGST are half each), like 18.'),
    Msg.TAX_RATE_NOT_PERCENT: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'GST rate %1 is not a percentage; type it like 18 or 12.5.'),
    Msg.TAX_RATE_EMPTY: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'GST rate (empty) is not a percentage; type it like 18 or 12.5.'),
    Msg.DOC_CREDIT_NOTE_NOT_REVERSED: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'A credit note is itself a reversal; it is not reversed.'),
    Msg.DOC_REFUND_VOUCHER_NOT_REVERSED: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'A refund voucher is itself a reversal; it is not reversed.'),
    Msg.DOC_INVOICE_NUMBER: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'A tax invoice carries the number the server gave the invoice.'),
    Msg.DOC_DEVICE_CODE: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Device code %1 is not letters and digits.'),
    Msg.DOC_COUNTER: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'A document counter starts at 1.'),
    Msg.DOC_DEVICE_CODE_LONG: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Device code %1 is too long for 16-character document numbers; use a device code '
        'of at most 9 characters.'),
    Msg.DOC_RECEIPT_VOUCHER_SERIES_FULL: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'The receipt voucher series %1 is full for this financial year.'),
    Msg.DOC_CREDIT_NOTE_SERIES_FULL: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'The credit note series %1 is full for this financial year.'),
    Msg.DOC_REFUND_VOUCHER_SERIES_FULL: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'The refund voucher series %1 is full for this financial year.'),
    Msg.DOC_LEGAL_NAME: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "Set the operator's legal name under Settings → GST."),
    Msg.DOC_ADDRESS: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "Set the operator's address under Settings → GST."),
    Msg.DOC_SAC: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'SAC %1 is not a 6-digit services code like 998422.'),
    Msg.DOC_GSTIN_UNSET: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "Set the operator's GSTIN under Settings → GST."),
    Msg.DOC_CREDIT_NOTE_ORIGINAL: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'A credit note names the document it reverses, its date, and the reason.'),
    Msg.DOC_REFUND_VOUCHER_ORIGINAL: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'A refund voucher names the document it reverses, its date, and the reason.'),
    Msg.DOC_NUMBER_LONG: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'Document number %1 is longer than 16 characters.'),
    Msg.SIGNIN_MISSING: QT_TRANSLATE_NOOP("BillingMessage", "Enter your user name and password."),
    Msg.SIGNIN_BAD_SERVER: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "The server address must look like https://portal.example.in (or http://), with a "
        "port from 1 to 65535 if it has one."),
    Msg.SIGNIN_WRONG_PASSWORD: QT_TRANSLATE_NOOP(
        "BillingMessage", "The user name or password is wrong."),
    Msg.SIGNIN_LOCKED_OUT: QT_TRANSLATE_NOOP(
        "BillingMessage", "Too many failed sign-ins; try again in %1 minute(s)."),
    Msg.SIGNIN_OFFLINE_MISMATCH: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "The server cannot be reached and the password does not match the one last used on "
        "this PC."),
    Msg.SIGNIN_OFFLINE_UNKNOWN: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "The server cannot be reached. Sign in once while connected; after that you can "
        "sign in on this PC without a connection."),
    Msg.DOC_PAYMENT_OF_DUES: QT_TRANSLATE_NOOP(
        "BillingMessage",
        'A Payment of dues is covered by the tax invoice of the bill it pays; receipt '
        'vouchers are for Advance and Recharge.'),
    Msg.NOTICE_CACHE_DAMAGED: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "The local copy of the accounts was damaged and has been thrown away; it is being "
        "rebuilt from the server. Unsent payments and edits are kept."),
    Msg.NOTICE_CACHE_NEWER: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "The local copy of the accounts was made by a newer version of Partner Desk and has "
        "been thrown away; it is being rebuilt from the server. Unsent payments and edits are "
        "kept."),
    Msg.NOTICE_CACHE_MISSING: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "The local copy of the accounts was missing or empty; it is being rebuilt from the "
        "server. Unsent payments and edits are kept."),
    Msg.NOTICE_SAME_SERVER: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "Connected to %1: it is the same server this PC's copy of the accounts came from, so "
        "the copy was kept."),
    Msg.NOTICE_OTHER_SERVER: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "%1 is a different server from the one this PC's copy of the accounts came from, so "
        "the copy is being rebuilt from it now. Payments and changes waiting to be sent are "
        "kept and sent to it."),
    Msg.NOTICE_SERVER_MOVED: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "%1 is a different server from %2, where this PC's copy of the accounts came from; the"
        " copy is rebuilt from it. Payments waiting to be sent are kept."),
    Msg.NOTICE_SIGNED_IN_OFFLINE: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "Signed in offline; changes are kept on this PC and sent when the server can be "
        "reached."),
    Msg.NOTICE_SIGN_IN_TO_SYNC: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "Sign in again once connected to sync."),
    Msg.NOTICE_NO_KEYRING: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "This PC has no system keyring, so your sign-in is kept only until the app closes; you"
        " will need to sign in again next time."),
    Msg.NOTICE_KEYRING_REFUSED: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "Your sign-in could not be saved in the system keyring; you will need to sign in again"
        " next time."),
    Msg.NOTICE_APPLIED_AS: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "Receipt %1 (account %2): %3"),
    # db.contact_validation and db.local_writes: contact / technical edits, comments, tags
    Msg.FIELD_REQUIRED: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "%1 is required."),
    Msg.FIELD_NOT_TEXT: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "%1 must be text."),
    Msg.FIELD_TOO_LONG: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "%1 has %2 characters; shorten it to at most %3."),
    Msg.FIELD_NOT_EDITABLE: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "%1 cannot be edited here."),
    Msg.MOBILE_LETTERS: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "%1 has letters in it; type digits only, e.g. 98765 43210."),
    Msg.MOBILE_NOT_NUMBER: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "%1 is not a phone number; type 10 digits, e.g. 98765 43210."),
    Msg.MOBILE_INVALID: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "%1 %2 is not a valid number; an Indian mobile has 10 digits starting with 6, 7, "
        "8 or 9."),
    Msg.MOBILE_LANDLINE: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "%1 %2 is a landline; enter a mobile number."),
    Msg.ALT_MOBILE_SAME: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "Alternate mobile is the same as the mobile; clear it."),
    Msg.EMAIL_TOO_LONG: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "Email is longer than %1 characters."),
    Msg.EMAIL_SPACE: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "Email contains a space; remove it."),
    Msg.EMAIL_INVALID: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "Email %1 is not an address; use the form name@example.com."),
    Msg.IP_INVALID: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "IP address %1 is not valid; e.g. 100.64.1.20."),
    Msg.MAC_INVALID: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "MAC address %1 is not valid; e.g. AA:BB:CC:DD:EE:FF."),
    Msg.VLAN_NOT_NUMBER: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "VLAN must be a whole number."),
    Msg.VLAN_RANGE: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "VLAN must be a whole number from %1 to %2."),
    Msg.COMMENT_EMPTY: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "The comment is empty; type a note."),
    Msg.COMMENT_TOO_LONG: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "The comment has %1 characters; shorten it to at most %2."),
    Msg.ACCOUNT_NOT_LOCAL: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "Account %1 is no longer in the local copy."),
    Msg.TAG_NOT_OFFERED: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "That tag is not offered for this account's branch."),
    Msg.TAG_ALREADY_ON: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "The account already has the tag %1."),
    Msg.TAG_NOT_ON: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "The account does not have that tag (any more)."),
    Msg.EDIT_ACCOUNT_MOVED: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "Account %1 was updated (version %2 → %3) after you opened it. Nothing was saved; "
        "the current values are shown — check them and save again."),
    Msg.EDIT_FIELD_MOVED: QT_TRANSLATE_NOOP(
        "BillingMessage",
        "Another edit of this account, not yet sent, changed the same field. Nothing was "
        "saved; the current values are shown — check them and save again."),
}
"""Message id → its English text with ``%1``, ``%2``… for the values (the same words
``billing.messages.ENGLISH`` has; a test keeps the two equal)."""


CODE_CONTEXT = "RefusalCode"

HTTP_CODE = "http_error"
"""The key of every ``http_<status>`` code (``sync.client.error_for``) in ``CODE_TEXTS``."""
_HTTP_STATUS = re.compile(r"http_[0-9]{3}")

CODE_TEXTS: dict[str, str] = {
    # billing.reversal.ReversalError and db.reversals_local (codes as sent on the wire)
    "self_approval": QT_TRANSLATE_NOOP(
        "RefusalCode", "The cashier who asks for a reversal cannot approve it. Ask a branch "
        "supervisor or an administrator to sign in here with their own name and password."),
    "approver_not_allowed": QT_TRANSLATE_NOOP(
        "RefusalCode", "This approver may not approve reversals; only branch staff or an "
        "administrator of this branch may."),
    "other_branch": QT_TRANSLATE_NOOP(
        "RefusalCode", "This receipt was taken in another branch; only that branch may "
        "reverse it."),
    "already_reversed": QT_TRANSLATE_NOOP(
        "RefusalCode", "This receipt is already reversed; a payment is reversed once."),
    "not_a_cheque": QT_TRANSLATE_NOOP(
        "RefusalCode", "This receipt was not paid by cheque; only a cheque is cleared or "
        "bounces. Use a void for a mistaken payment."),
    "session_closed": QT_TRANSLATE_NOOP(
        "RefusalCode", "This receipt belongs to a cash session that is closed; only payments "
        "of the current session can be voided. Ask head office for a refund instead."),
    "no_reason": QT_TRANSLATE_NOOP(
        "RefusalCode", "Say why the payment is reversed (for example: wrong account)."),
    "reason_too_long": QT_TRANSLATE_NOOP(
        "RefusalCode", "The reason is too long; shorten it."),
    # db.reversals_local.check_local_request: a payment still in this desk's outbox
    "not_synced": QT_TRANSLATE_NOOP(
        "RefusalCode", "This receipt has not reached the server yet; sync first, or ask a "
        "supervisor to approve here with their password."),
    # sync.approval.ApprovalRefused (and the server's answer to an approval)
    "invalid_credentials": QT_TRANSLATE_NOOP(
        "RefusalCode", "Wrong username or password for the approver, or they have not signed "
        "in on this PC lately. Ask them to type it again."),
    # sync.approval.ApprovalRefused: nothing typed
    "invalid_payload": QT_TRANSLATE_NOOP(
        "RefusalCode", "The supervisor types their username and password."),
    # sync.reversal_requests.RequestRefused and the server's answers to void requests
    "offline": QT_TRANSLATE_NOOP(
        "RefusalCode", "The server cannot be reached or you are not signed in online; this "
        "needs the server. Sign in online and try again."),
    "malformed": QT_TRANSLATE_NOOP(
        "RefusalCode", "The server's answer could not be read; try again, and tell head office "
        "if it keeps happening."),
    "already_requested": QT_TRANSLATE_NOOP(
        "RefusalCode", "A reversal of this receipt already waits for a supervisor."),
    "already_decided": QT_TRANSLATE_NOOP(
        "RefusalCode", "This request was already decided at another desk; refresh the list."),
    "requester_gone": QT_TRANSLATE_NOOP(
        "RefusalCode", "The cashier who asked cannot sign in any more; decline the request, "
        "and ask for the reversal again from an active cashier."),
    # db.utr_local.check_utr_unused
    "reference_used": QT_TRANSLATE_NOOP(
        "RefusalCode", "This UTR was already used by another receipt; one UTR pays once. Ask "
        "the customer for the UTR of this payment in their payment app; if it is the same "
        "payment, do not take it again."),
    # The server's generic codes (server/errors.py, server/routes/*), as any server refusal
    # may carry them (sync.errors.ApiError and the refusals made from one). In English the
    # server's own sentence says which record or role it means; in Tamil the code's wording
    # says what to do.
    "not_found": QT_TRANSLATE_NOOP(
        "RefusalCode", "The server does not have this (it may not be synced yet, or it was "
        "removed). Sync, refresh and try again."),
    "forbidden": QT_TRANSLATE_NOOP(
        "RefusalCode", "Your role may not do this on the server. Ask a branch supervisor or "
        "an administrator."),
    "conflict": QT_TRANSLATE_NOOP(
        "RefusalCode", "This clashes with what the server already has; refresh and try "
        "again."),
    "invalid_request": QT_TRANSLATE_NOOP(
        "RefusalCode", "The server could not accept what was sent; check what you typed and "
        "try again."),
    "unauthorized": QT_TRANSLATE_NOOP(
        "RefusalCode", "Your sign-in on the server has ended; sign in again."),
    "device_mismatch": QT_TRANSLATE_NOOP(
        "RefusalCode", "This sign-in belongs to another PC; sign in again on this PC."),
    "resync": QT_TRANSLATE_NOOP(
        "RefusalCode", "The server asks this desk to sync everything again; sync now, then "
        "try again."),
    "locked_out": QT_TRANSLATE_NOOP(
        "RefusalCode", "Too many failed sign-ins; wait a few minutes and try again."),
    "too_many_requests": QT_TRANSLATE_NOOP(
        "RefusalCode", "Too many tries in a short time; wait a minute and try again."),
    "too_large": QT_TRANSLATE_NOOP(
        "RefusalCode", "What was sent is too large for the server."),
    "internal_error": QT_TRANSLATE_NOOP(
        "RefusalCode", "The server hit an unexpected error; try again, and tell head office "
        "if it keeps happening."),
    # sync.client.error_for: an error answer without the server's error body (a proxy's
    # page, say); the code is http_<status>.
    HTTP_CODE: QT_TRANSLATE_NOOP(
        "RefusalCode", "The server answered with an error; try again, and tell head office "
        "if it keeps happening."),
}
"""Refusals that carry only a machine ``code`` (``billing.reversal``, ``db``,
``sync.approval``): worded by code, without their values (the dialog around them shows the
receipt). In English the refusal's own text, which names the receipt, is shown instead."""

_MARKS = {  # billing.reversal.register_mark
    "Voided": QT_TRANSLATE_NOOP("RegisterMark", "Voided"),
    "Cheque bounced": QT_TRANSLATE_NOOP("RegisterMark", "Cheque bounced"),
    "Cleared": QT_TRANSLATE_NOOP("RegisterMark", "Cleared"),
    "Pending clearance": QT_TRANSLATE_NOOP("RegisterMark", "Pending clearance"),
}
_APPLIED_KINDS = {  # billing.taken_payment.applied_as_label
    "payment": QT_TRANSLATE_NOOP("AppliedKind", "payment"),
    "advance": QT_TRANSLATE_NOOP("AppliedKind", "advance"),
    "payment, the rest as advance": QT_TRANSLATE_NOOP("AppliedKind",
                                                      "payment, the rest as advance"),
    "recharge": QT_TRANSLATE_NOOP("AppliedKind", "recharge"),
}


def mark_text(mark: str) -> str:
    """A register mark (``billing.reversal.register_mark``: Voided, Cheque bounced…) as
    shown."""
    known = _MARKS.get(mark)
    return QCoreApplication.translate("RegisterMark", known) if known else mark


def applied_kind_text(label: str) -> str:
    """How head office applied a payment (``billing.taken_payment.applied_as_label``) as shown."""
    known = _APPLIED_KINDS.get(label)
    return QCoreApplication.translate("AppliedKind", known) if known else label


def message_text(msg: Msg | str | None, values: tuple[object, ...], fallback: str) -> str:
    """The message ``msg`` with ``values`` in the interface language; ``fallback`` (the
    English text) for an id this table does not have."""
    try:
        text = TEXTS[Msg(msg)] if msg is not None else None
    except (KeyError, ValueError):
        text = None
    if text is None:
        return fallback
    return fill(QCoreApplication.translate(CONTEXT, text), *map(_value_text, values))


#: billing's value for a field left empty (``billing.messages.EMPTY_VALUE``)
_EMPTY = QT_TRANSLATE_NOOP("BillingMessage", "(empty)")


def _value_text(value: object) -> object:
    """A refusal's value as shown: billing's "(empty)" and a field's name
    (``db.contact_validation.FieldName``) in the interface language."""
    if isinstance(value, FieldName):
        return field_name(value.field) if value.field in FIELD_LABELS else value
    return QCoreApplication.translate(CONTEXT, _EMPTY) if value == EMPTY_VALUE else value


def notice_text(notice: str) -> str:
    """A notice (``billing.notice.Notice``: the cache rebuilt, signed in offline, a payment
    applied otherwise…) in the interface language; plain text as it is."""
    if not isinstance(notice, Notice):
        return notice
    return "".join(sep + message_text(msg, values, english(msg, *values))
                   for sep, msg, values in notice.parts)


def error_text(exc: object) -> str:
    """What to show for a refusal from ``billing``/``db`` (any exception), in the interface
    language: by its message id (with its values), else by its code, else its own text. A
    refusal of several fields (``ValidationFailed``) is each field's refusal, as its English
    joins them."""
    if isinstance(exc, ValidationFailed):
        return "; ".join(error_text(error) for error in exc.errors)
    msg = getattr(exc, "msg", None)
    if msg is not None:
        return message_text(msg, tuple(getattr(exc, "msg_values", ())), str(exc))
    code = str(getattr(exc, "code", "") or "")
    known = CODE_TEXTS.get(HTTP_CODE if _HTTP_STATUS.fullmatch(code) else code)
    if known is not None:
        worded = QCoreApplication.translate(CODE_CONTEXT, known)
        if worded != known:  # translated: the interface is not in English
            return worded
    return str(exc)
