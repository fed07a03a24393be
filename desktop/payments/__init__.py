"""Taking money: payment, advance and recharge, receipts, the register, the day close."""
