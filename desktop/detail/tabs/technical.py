"""Technical Details: IP address, router brand, connection type, MAC and VLAN.

Editable only by roles allowed ``Action.EDIT_TECHNICAL``; others see them read-only.
"""

from __future__ import annotations

from billing.roles import Action
from desktop.detail.tabs.fields_form import FieldsFormTab, FieldSpec


class TechnicalTab(FieldsFormTab):
    title = "Technical Details"
    action = Action.EDIT_TECHNICAL
    prefix = "technical"
    specs = (
        FieldSpec("ip_address", "technicalIp", placeholder="100.64.1.20"),
        FieldSpec("router_brand", "technicalRouter"),
        FieldSpec("connection_type", "technicalConnection", placeholder="FTTH (GPON)"),
        FieldSpec("mac_address", "technicalMac", placeholder="AA:BB:CC:DD:EE:FF"),
        FieldSpec("vlan", "technicalVlan", placeholder="1 to 4094"),
    )
