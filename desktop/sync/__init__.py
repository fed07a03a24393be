"""The desktop side of sync: the QObject that schedules cycles (engine.py) and the sign-in
session (session.py). The protocol, the cycle and sign-in themselves are the Qt-free
``sync`` package."""
