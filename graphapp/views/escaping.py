"""Data into HTML safely: JSON for ``<script type="application/json">`` and inlined code.

Never build HTML or script from data with string formatting: pass data through
:func:`script_json` into a JSON script element and read it with ``JSON.parse``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from markupsafe import Markup

__all__ = ["inline_code", "script_json"]

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")
_CLOSING = re.compile(r"</(script|style)", re.IGNORECASE)


def script_json(value: Any) -> Markup:
    """``value`` as JSON that cannot end its ``<script>`` element or open a comment.

    >>> str(script_json({"name": "</script><img src=x>"}))
    '{"name": "\\\\u003c/script\\\\u003e\\\\u003cimg src=x\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":") if _large(value) else None)
    return Markup(_JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text))


def inline_code(code: str) -> Markup:
    """Our own (or vendored) JS/CSS for inlining into one file: ``</script`` cannot close early."""
    return Markup(_CLOSING.sub(lambda m: "<\\/" + m.group(1), code))


def _large(value: Any) -> bool:
    return isinstance(value, dict) and len(value.get("nodes", ())) > 50
