"""A Presidio recognizer for e-mail addresses disguised around their "@".

People hide an address from filters by bracketing the "@" and keeping the dots
(``sarah[at]hotmail.co.uk``, ``jo.smith (at) gmail.com``) or by putting spaces between its
characters (``j o . s m i t h @ outlook . com``) or around its "@" and dots
(``jo.smith @ gmail . com``). ``WrittenEmailRecognizer`` reads the spelt-out
"at ... dot" form; this one starts from each "@" or bracketed "at" and reads a bounded window on
each side (the local part read backwards, so each side is one anchored match): linear time, and at
most :data:`MAX_RESULTS` addresses are reported from one text (a longer list is a dump whatever
the rest holds).
"""

from __future__ import annotations

import re

from presidio_analyzer import AnalysisExplanation, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from detectors.pii_local import SimpleLocalRecognizer

NAME = "DisguisedEmailRecognizer"
SCORE = 0.6
MAX_RESULTS = 100
_WINDOW = 140  # characters read on each side of an "@"
_AT = re.compile(r" ?@ ?|\s*(?:\(at\)|\[at\]|\{at\}|<at>)\s*", re.I)
_SPACED = r"[\w+-](?: [\w+-]){2,63}"  # "m i c h e l l e": one character, a space, the next
# Both local-part shapes are symmetric, so they match the reversed text before the "@" as well.
_LOCAL_SPACED = re.compile(rf"{_SPACED}(?: ?\. ?(?:{_SPACED}|[\w+-]))*")
_LOCAL_PLAIN = re.compile(r"[\w+-]{1,64}(?:\.[\w+-]{1,64}){0,10}")
_DOMAIN = re.compile(rf"(?:{_SPACED}|[\w-]{{1,63}})(?: ?\. ?[\w-]{{1,63}}){{1,4}}\b")
_TLD = re.compile(r"(?:^|[ .])[a-z]{2,6}$", re.I)  # mail domains end in short suffixes: com, uk, info


class DisguisedEmailRecognizer(SimpleLocalRecognizer):
    """E-mail addresses with a bracketed "at" or with spaces between their characters."""

    ENTITIES = ("EMAIL_ADDRESS",)
    CONTEXT = ["email", "e-mail", "mail", "contact", "message"]
    NAME = NAME  # the module's recognizer name, as pii_engine registers it

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
                ) -> list[RecognizerResult]:
        """Each disguised address around an "@" or a bracketed "at"."""
        results: list[RecognizerResult] = []
        last_end = 0
        for at in _AT.finditer(text):
            if at.start() < last_end:
                continue
            bracketed = "@" not in at.group()
            before = text[max(last_end, at.start() - _WINDOW):at.start()][::-1]
            local = (None if bracketed else _LOCAL_SPACED.match(before)) or \
                (_LOCAL_PLAIN.match(before) if bracketed or at.group() == " @ " else None)  # not "@handle"
            domain = _DOMAIN.match(text, at.end(), min(len(text), at.end() + _WINDOW))
            if not local or not domain or not _TLD.search(domain.group()):
                continue
            start = at.start() - local.end()
            if not bracketed and " " in local.group() and start > 0 and \
                    (text[start - 1].isalnum() or text[start - 1] in "'’"):
                start += 2  # "email's m i c h ...": the "s" of the word before is not the address's
            if not bracketed and " " not in text[start:domain.end()]:
                continue  # an ordinary address: OfflineEmailRecognizer's
            what = "bracketed at" if bracketed else "spaced out"
            results.append(RecognizerResult(
                "EMAIL_ADDRESS", start, domain.end(), SCORE,
                analysis_explanation=AnalysisExplanation(NAME, SCORE, pattern_name=what,
                                                         textual_explanation=f"e-mail address, {what}"),
                recognition_metadata={RecognizerResult.RECOGNIZER_NAME_KEY: NAME,
                                      RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: self.id}))
            last_end = domain.end()
            if len(results) == MAX_RESULTS:
                break
        return results
