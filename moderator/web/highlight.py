"""An item's text cut at its findings' spans, for highlighting; masked as in the digest for the SMT.

The pieces are plain text: the template escapes them. Invisible and bidirectional characters are
removed from every piece (as in e-mails), so no override can reorder what a reviewer reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from detectors.text_prepare import shown
from moderator.reporting.masking import Masker, initials, partial

MAX_SHOWN = 20_000  # characters of an item shown on its page


@dataclass(frozen=True)
class Mark:
    """A span to highlight: offsets into the original text, its label and an anchor to the finding."""

    start: int
    end: int
    label: str
    ref: str = ""


@dataclass
class Piece:
    """A run of text under the same findings (none: not highlighted)."""

    text: str
    labels: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()


def pieces(text: str, marks: Sequence[Mark], masker: Masker | None = None) -> list[Piece]:
    """``text`` cut at every mark's ends; with a masker, names and personal data masked as in the digest."""
    text = text[:MAX_SHOWN]
    marks = [m for m in marks if 0 <= m.start < m.end]
    cuts = sorted({0, len(text), *(min(m.start, len(text)) for m in marks), *(min(m.end, len(text)) for m in marks)})
    out: list[Piece] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a >= b:
            continue
        over = [m for m in marks if m.start <= a and b <= m.end]
        piece = text[a:b]
        if masker is not None:
            labels = {m.label for m in over}
            if "named_child" in labels:
                piece = initials(shown(piece))
            elif "personal_data" in labels:
                piece = partial(shown(piece))
            else:
                piece = masker.mask(piece)
        else:
            piece = shown(piece)
        out.append(Piece(piece, tuple(dict.fromkeys(m.label for m in over)), tuple(m.ref for m in over if m.ref)))
    return out
