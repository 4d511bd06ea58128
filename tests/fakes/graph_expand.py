"""Graph API field expansion in the fake: ``comments.filter(stream).order(reverse_chronological).limit(25){id,...}``.

Graph lets a request for posts (or Instagram media) ask for each row's ``comments`` edge in the same
answer: the field names the edge, modifiers set its parameters (``limit``, ``order``, ``filter``) and braces
choose its fields. The nested edge is a page like any other (``data``, ``paging.cursors``, ``paging.next``
when more follow); Graph leaves the field out of a row whose edge is empty.
"""

from __future__ import annotations

import re

_MODIFIER = re.compile(r"\.(\w+)\(([^)]*)\)")


def expansion(spec: str | None, name: str) -> dict | None:
    """The parameters and fields asked of edge ``name`` in a ``fields`` value, or None when it is not asked."""
    if not spec:
        return None
    depth, cur, parts = 0, "", []
    for ch in spec + ",":
        depth += 1 if ch in "{(" else (-1 if ch in "})" else 0)
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    for part in parts:
        head = re.split(r"[{.(]", part, maxsplit=1)[0]
        if head != name:
            continue
        brace = part.find("{")
        mods = part[len(head):brace if brace >= 0 else len(part)]
        params = dict(_MODIFIER.findall(mods))
        params["fields"] = part[brace + 1:-1] if brace >= 0 else ""
        return params
    return None
