"""Links written so that they do not read as links.

"evri-redelivery dot co/pay", "rbxgift[.]link", "w w w . pay-now . com", "tinyurl dot com slash trip",
"203 . 0 . 113 . 9": parents write a scam's address that way to warn others without making it clickable,
and spammers to get past filters; either way a reader can type it in, so the link detector judges it like
any link (the label guide judges the address, not the intent). Each found address is rewritten plainly and
read by :class:`LinkFinder`; the span is the disguised text's. Only a text holding a disguise at all is
searched, and every part of the pattern is bounded: linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from detectors.link_extract import Link, LinkFinder

_SEP = r"(?:\s*(?:\(\s*dot\s*\)|\[\s*dot\s*\]|\{\s*dot\s*\}|\[\.\]|\(\.\)|\{\.\})\s*|\s+dot\s+|\s+\.\s*|\s*\.\s+)"
_DOT = r"(?:\.|" + _SEP + r")"
_LABEL = r"(?:w\s+w\s+w|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)"
_PATH = r"(?:(?:\s*/\s*|\s+slash\s+)[\w-]{1,40}){0,4}"
_DISGUISED = re.compile(rf"(?<![\w.])(?P<host>{_LABEL}(?:{_DOT}{_LABEL}){{1,5}})(?P<path>{_PATH})", re.IGNORECASE)
_HINT = re.compile(r"\bdot\b|\[\.\]|\(\.\)|\{\.\}|\w\s\.\s?\w|\w\s?\.\s\w", re.IGNORECASE)
_SEP_RE = re.compile(_SEP, re.IGNORECASE)
_BRACKETED = re.compile(r"[\[({]\s*(?:dot|\.)\s*[\])}]", re.IGNORECASE)
_SPACED_WWW = re.compile(r"w\s+w\s+w", re.IGNORECASE)
_SENTENCE_END = re.compile(r"\.\s+[A-Z]")  # a full stop, a space and a capital: a sentence ends there
_SLASH = re.compile(r"\s*/\s*|\s+slash\s+", re.IGNORECASE)


def disguised_links(text: str, finder: LinkFinder, plain: list[Link]) -> list[Link]:
    """The links of ``text`` written in disguise, not among the ``plain`` links already found."""
    if not _HINT.search(text):
        return []
    taken = [(link.start, link.end) for link in plain]
    out = []
    for m in _DISGUISED.finditer(text):
        written = m.group()
        if not _SEP_RE.search(m.group("host")) and not _SPACED_WWW.search(written):
            continue  # written plainly: the ordinary finder's business
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if _SENTENCE_END.search(m.group("host")):
            continue  # "by Ofsted. Read the report": a full stop and a new sentence, not "ofsted.read"
        host = _SEP_RE.sub(".", m.group("host")).replace(" ", "").lower()
        path = _SLASH.sub("/", m.group("path")).replace(" ", "")
        found = finder.find(f"http://{host}{path}")
        if not found:
            continue
        link = found[0]
        bracketed = _BRACKETED.search(m.group("host")) is not None  # "[.]", "(dot)": only ever an address
        if not link.is_ip and not (finder.known_suffix(link.host) and (
                bracketed or finder.bare_host_is_link(link.subdomain, link.domain, link.suffix))):
            continue  # "on the dot at 3": two words on an ambiguous ending, not an address
        out.append(replace(link, start=m.start(), end=m.end(), text=written, has_scheme=False))
    return out
