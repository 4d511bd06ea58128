"""A lure's link is the breach, not promotion.

"Royal Mail: pay the £2.99 redelivery fee at royalmail-fee.example.com", "claim ur free robux here rbxgift.link/claim",
"FREE £150 supermarket voucher for every family s.id/xyz": the words are bait (a free gift, a fee, a prize, "click
here") and nothing is sold; what makes the comment dangerous is where the link goes, which the unsafe_link detector
says. A promotion finding beside it would file a phishing lure as an advert in the digest. So beside a deceptive link
a promotion finding is dropped when its only evidence is such bait: the promotion rules' free-gift and "click here"
cues or a bare outside link; and, beside a link that poses as someone else's or downloads a program, the learned
model alone (it reads a lure's "free", "claim" and "£" as promotion; a trade links its shop, not an installer: of 285
comments with a program download in our invented files and used evaluation sets, 266 were labelled a lure only).

A trade's own words keep it: a price, a shop, a service, recruitment, an investment pitch, "follow my page" (a seller
behind a shortened link is still a seller, and often found by the learned model alone). Gambling and adult links
are not deceptive in this sense: they are the venture being promoted.
"""

from __future__ import annotations

from detectors.base import Finding
from detectors.learned_layer import KIND as LEARNED

#: The unsafe_link rules whose links pass for someone else's: look-alikes, a brand beside an action word, hidden
#: hosts, phishing-shaped hosts. Beside these, the learned model's reading of the bait is dropped as well.
POSING_LINKS = frozenset({"lookalike", "userinfo", "impersonation", "risky"})
#: The rules whose links only hide where they go (a shortener, a raw address, a download). Sellers use them too
#: ("small chops for your parties, order here tinyurl.com/..."), so here only a rule's bait words are dropped...
HIDING_LINKS = frozenset({"shortener", "ip", "program", "archive"})
#: ...except beside a download of a program or an archive, where the learned model alone is dropped as well.
DOWNLOADS = frozenset({"program", "archive"})
#: The promotion cues that are a lure's words as much as an advert's (names of rules in detectors/commercial.py).
BAIT_CUES = frozenset({"free offers and hacks", "free gifts and prizes", "promoted video", "visit the site",
                       "check it out", "link in bio"})
#: How the promotion detector names the cue of a link alone ("a link to an outside site", "a link to a shop ...").
LINK_CUE_PREFIX = "a link to "


def without_bait_promotion(findings: list[Finding]) -> list[Finding]:
    """``findings`` without the promotion findings that only repeat the bait of a deceptive link beside them."""
    rules = {(f.details or {}).get("rule") for f in findings if f.label == "unsafe_link"}
    if not rules & (POSING_LINKS | HIDING_LINKS):
        return findings
    posing = bool(rules & (POSING_LINKS | DOWNLOADS))
    return [f for f in findings if f.label != "commercial" or not _bait_only(f, posing)]


def _bait_only(finding: Finding, posing: bool) -> bool:
    details = finding.details or {}
    if details.get("category") == LEARNED:
        return posing
    cues = details.get("cues") or []
    return bool(cues) and all(c in BAIT_CUES or c.startswith(LINK_CUE_PREFIX) for c in cues)
