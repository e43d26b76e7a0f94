"""json.loads for untrusted text: every way it refuses a document is a JSONDecodeError with a line.

Python refuses to convert an integer of more than `sys.get_int_max_str_digits()` digits (4300 by
default), which keeps int() linear; json lets that ValueError through bare, with no position, and
the loaders that catch JSONDecodeError crashed on a 4 KB file. Here it becomes a JSONDecodeError
at the number, so every caller reports it as the file's parse error, with its line.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any, NoReturn


def loads(text: str | bytes) -> Any:
    try:
        return json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise
    except ValueError:
        _too_long_number(text.decode("utf-8", "replace") if isinstance(text, bytes) else text, 0)


def raw_decode(decoder: json.JSONDecoder, text: str, pos: int) -> tuple[Any, int]:
    """`decoder.raw_decode(text, pos)` with the same errors as `loads` (a stream's values)."""
    try:
        return decoder.raw_decode(text, pos)
    except json.JSONDecodeError:
        raise
    except ValueError:
        _too_long_number(text, pos)


def _too_long_number(doc: str, pos: int) -> NoReturn:
    # The limit exists since 3.11 (and in 3.10's security releases); 0 means none.
    limit = getattr(sys, "get_int_max_str_digits", lambda: 0)()
    found = re.compile(rf"\d{{{limit + 1},}}").search(doc, pos) if limit else None
    at = found.start() if found else pos
    raise json.JSONDecodeError(f"a number of more than {limit} digits", doc, at) from None
