"""A dropped account list's memory goes back to the OS: large C heap blocks get mappings of
their own once :func:`return_large_blocks` ran (glibc), whatever was freed before."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

pytestmark = pytest.mark.skipif(
    sys.platform != "linux" or platform.libc_ver()[0] != "glibc", reason="glibc's malloc")

# A 24 MB block freed (as the previous full list is), then an 8 MB one allocated (the next
# list's array): does the 8 MB block live in a mapping of its own (given back when freed) or
# inside the heap (kept by the process)?
PROBE = """
import ctypes, sys
from desktop.runtime.memory import return_large_blocks
if sys.argv[1] == "set":
    assert return_large_blocks()
libc = ctypes.CDLL("libc.so.6")
class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in ("arena ordblks smblks hblks hblkhd "
                "usmblks fsmblks uordblks fordblks keepcost").split()]
libc.mallinfo2.restype = Info
old = bytearray(24_000_000)
del old
before = libc.mallinfo2().hblkhd
new = bytearray(8_000_000)
print(libc.mallinfo2().hblkhd - before >= 8_000_000)
"""


def _mapped(mode: str) -> bool:
    done = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True,
                          text=True, check=True)
    return done.stdout.strip() == "True"


def test_large_blocks_get_their_own_mapping_after_a_larger_one_was_freed() -> None:
    assert _mapped("set")
    # glibc's own rule (the behaviour this setting exists for): the heap keeps it
    assert not _mapped("default")
