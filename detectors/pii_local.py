"""The shape every recognizer of this package shares: a Presidio ``LocalRecognizer`` with nothing to load."""

from __future__ import annotations

from presidio_analyzer import LocalRecognizer

#: Words near a phone number that make it one (the UK and the spoken-number recognizers).
PHONE_CONTEXT = ["phone", "number", "mobile", "call", "ring", "text", "contact", "whatsapp", "tel"]


class SimpleLocalRecognizer(LocalRecognizer):
    """A recognizer of ``ENTITIES`` named ``NAME``, with ``CONTEXT`` words for Presidio's context enhancer."""

    ENTITIES: tuple[str, ...] = ()
    CONTEXT: list[str] | None = None
    NAME = ""

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=list(self.ENTITIES), supported_language=supported_language,
                         context=self.CONTEXT, name=self.NAME or type(self).__name__)

    def load(self) -> None:
        """Nothing heavy to load: the patterns are compiled at import."""
