"""GST documents at the counter: settings, rendering (screen, PDF, printer), and where
they are offered (the receipt of an Advance or Recharge, an invoice of the Invoice tab)."""
