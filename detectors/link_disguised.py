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

# "dot" in the community languages as parents write it in a warning: Romanian punct, Polish kropka, German and
# Scandinavian punkt, Spanish and Italian punto, Portuguese ponto, Turkish nokta, Lithuanian taskas, Bulgarian and
# Russian tochka (and in Cyrillic), Welsh dot as in English.
_DOT_WORD = r"(?:dot|punct|punkt|kropka|punto|ponto|nokta|ta[sš]kas|tochka|точка)"
_SEP = (r"(?:\s*(?:\(\s*" + _DOT_WORD + r"\s*\)|\[\s*" + _DOT_WORD + r"\s*\]|\{\s*" + _DOT_WORD
        + r"\s*\}|\[\.\]|\(\.\)|\{\.\})\s*|\s+" + _DOT_WORD + r"\s+|\s+\.\s*|\s*\.\s+)")
_DOT = r"(?:\.|" + _SEP + r")"
_LABEL = r"(?:w\s+w\s+w|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)"
_PATH = r"(?:(?:\s*/\s*|\s+slash\s+)[\w-]{1,40}){0,4}"
_DISGUISED = re.compile(rf"(?<![\w.])(?P<host>{_LABEL}(?:{_DOT}{_LABEL}){{1,5}})(?P<path>{_PATH})", re.IGNORECASE)
_HINT = re.compile(r"\b" + _DOT_WORD + r"\b|\[\.\]|\(\.\)|\{\.\}|\w\s\.\s?\w|\w\s?\.\s\w|\bwww\s*,",
                   re.IGNORECASE)
_SEP_RE = re.compile(_SEP, re.IGNORECASE)
_BRACKETED = re.compile(r"[\[({]\s*(?:" + _DOT_WORD + r"|\.)\s*[\])}]", re.IGNORECASE)
# "www,pay-now,com": commas for dots, only after a "www" (a list of words is never one)
_COMMA_HOST = re.compile(r"(?<![\w.,])www\s*,\s*[a-z0-9-]{1,63}(?:\s*,\s*[a-z]{2,24}){1,3}(?![\w-])", re.IGNORECASE)
# "r b . g y / abc": every letter of the host spaced out, with the path that makes it a link
_SPACED_HOST = re.compile(r"(?<!\S)((?:[a-z0-9] ){1,20}\. ?(?:[a-z0-9] ?){1,9}[a-z0-9]?) ?/ ?([\w-]{1,40})",
                          re.IGNORECASE)
_SPACED_WWW = re.compile(r"w\s+w\s+w", re.IGNORECASE)
_SENTENCE_END = re.compile(r"\.\s+[A-Z]")  # a full stop, a space and a capital: a sentence ends there
_SLASH = re.compile(r"\s*/\s*|\s+slash\s+", re.IGNORECASE)


def disguised_links(text: str, finder: LinkFinder, plain: list[Link]) -> list[Link]:
    """The links of ``text`` written in disguise, not among the ``plain`` links already found."""
    if not _HINT.search(text):
        return []
    taken = [(link.start, link.end) for link in plain]
    out = _rewritten(text, finder, taken)
    taken += [(link.start, link.end) for link in out]
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


def _rewritten(text: str, finder: LinkFinder, taken: list[tuple[int, int]]) -> list[Link]:
    """Hosts written with commas for dots after "www", or with every letter spaced out before a path."""
    out = []
    found = [(m, m.group().replace(" ", "").replace(",", ".")) for m in _COMMA_HOST.finditer(text)]
    found += [(m, m.group(1).replace(" ", "") + "/" + m.group(2)) for m in _SPACED_HOST.finditer(text)]
    for m, plain in found:
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        links = finder.find(f"http://{plain}")
        if links and finder.known_suffix(links[0].host):
            out.append(replace(links[0], start=m.start(), end=m.end(), text=m.group(), has_scheme=False))
    return out
