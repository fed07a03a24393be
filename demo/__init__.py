"""The demo data generator (``partner-portal-demo-data``): deterministic accounts with
their history for the demo mode, tests and benchmarks. Not part of the desk's own code:
only the server's demo seeding, the desktop's demo mode and tests import it."""
