"""The frozen app's entry point (build.spec's script): ``partner-portal`` as one program.

``--self-check`` is answered here as well as in ``desktop.app``, so a build can be checked
even before the GUI starts (the check needs no data folder, no sign-in, no display).
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> int:
    from desktop.runtime.pyside_guard import guard_singletons

    guard_singletons()
    argv = sys.argv[1:]
    if "--self-check" in argv:
        from desktop.runtime.self_check import run_self_check

        data_dir = None
        if "--data-dir" in argv:
            index = argv.index("--data-dir")
            if index + 1 < len(argv):
                data_dir = Path(argv[index + 1])
        return run_self_check(data_dir)
    from desktop.app import main as app_main

    return app_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
