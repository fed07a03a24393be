"""The Manage Account main window and what it is made of: the filter sidebar, the status
bar, the counter keys and scanner, export, and the Account ID barcodes."""
