"""Contact Details: mobiles, email, installation and billing addresses (editable)."""

from __future__ import annotations

from billing.roles import Action
from desktop.detail.tabs.fields_form import FieldsFormTab, FieldSpec


class ContactTab(FieldsFormTab):
    title = "Contact Details"
    action = Action.EDIT
    prefix = "contact"
    specs = (
        FieldSpec("mobile", "contactMobile", placeholder="98765 43210"),
        FieldSpec("alt_mobile", "contactAltMobile", placeholder="optional"),
        FieldSpec("email", "contactEmail", placeholder="name@example.com (optional)"),
        FieldSpec("installation_address", "contactInstallationAddress", multiline=True),
        FieldSpec("billing_address", "contactBillingAddress", multiline=True),
    )
