"""Large C heap blocks in mappings of their own, so a dropped account list goes back to the OS.

The account table's full ordered list arrives as one packed value (16 MB of text, then an
8 MB array, at 1M accounts; three times that at 3M), and each change drops the previous one.
glibc's ``malloc`` raises its mmap threshold to the size of the largest block freed so far
(up to 32 MiB) and keeps up to twice that free at the top of its heap, so after the first
list those blocks come from the heap and their memory stays with the process. Measured at
1M accounts through the Manage Account window (``docs/performance.md``, issue 18's memory),
after 400 filter, search and sort changes: 61 MB free inside a 124 MB heap and 243 MB
resident; with a fixed 256 KiB threshold 1 MB free and 186 MB resident.

A fixed threshold also turns glibc's adjustment off. Windows' heap already gives a block
over 512 KiB a virtual allocation of its own and releases it when freed; on other C
libraries nothing is changed.
"""

from __future__ import annotations

import ctypes
import logging
import platform
import sys

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # glibc's <malloc.h>
LARGE_BLOCK = 256 * 1024  # bytes: a block this size or larger gets a mapping of its own


def return_large_blocks() -> bool:
    """Give every C heap block of :data:`LARGE_BLOCK` or more a mapping of its own (glibc
    only; call it first thing, before threads start). True when the setting took."""
    if sys.platform != "linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        done = bool(libc.mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK))
    except (OSError, AttributeError) as exc:
        log.warning("could not set the C heap's mmap threshold: %s", exc)
        return False
    log.debug("C heap: blocks of %d bytes or more in their own mappings: %s", LARGE_BLOCK, done)
    return done
