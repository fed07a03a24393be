"""Settings: the typed QSettings access, the Settings dialog and the UPI payee."""
