"""One module per tab of the account detail dialog, in the dialog's order."""
