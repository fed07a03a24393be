"""The server's HTTP routes, one module per area, each a ``router(server)`` that
``server.app.create_app`` includes: ``auth`` (sign-in, sign-out, token revocation, ``/me``),
``sync`` (pull, the long-poll, push), ``reversals`` (a supervisor's approval), ``accounts``,
``kiosk`` (the kiosk look-up), ``admin`` (head office's day closes) and ``meta`` (health, the
demo sign-ins). ``common`` holds what they share (the caller, the JSON answers), ``models``
the request and answer models of the OpenAPI schema.
"""
