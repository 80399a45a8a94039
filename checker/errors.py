"""Errors raised by rightscheck.

Every error a user can cause derives from :class:`InputError`; its message says what is
wrong and what is accepted, so the CLI prints it on one line and exits with code 2 and the
HTTP API answers with a 4xx problem-details body. Anything else is a defect in rightscheck.
"""

from __future__ import annotations


class RightscheckError(Exception):
    """Base class of every error rightscheck raises on purpose."""


class InputError(RightscheckError):
    """The user's input cannot be checked.

    Attributes:
        message: what is wrong, in one sentence.
        accepted: what would be accepted instead (may be empty).
        code: a short machine-readable reason, e.g. ``"too-large"``.
    """

    code = "bad-input"

    def __init__(self, message: str, accepted: str = "") -> None:
        self.message = message
        self.accepted = accepted
        super().__init__(self.__str__())

    def __str__(self) -> str:  # one line, fit for a terminal or a JSON "detail"
        return f"{self.message} ({self.accepted})" if self.accepted else self.message


class UnsupportedFormat(InputError):
    """The file is of a format rightscheck does not read."""

    code = "unsupported-format"


class FileTooLarge(InputError):
    """The file, or what it unpacks to, exceeds a configured limit."""

    code = "too-large"


class HostileFile(InputError):
    """The file looks built to exhaust memory or time (zip bomb, entity expansion, ...)."""

    code = "hostile-file"


class NoTextLayer(InputError):
    """A PDF without extractable text (scanned images): it needs OCR first."""

    code = "no-text-layer"


class EncryptedFile(InputError):
    """A password-protected document."""

    code = "encrypted"


class DecodingError(InputError):
    """A text file in an encoding rightscheck cannot determine."""

    code = "undecodable"


class EmptyDraft(InputError):
    """The input holds no text to check."""

    code = "empty"


class StandardsError(RightscheckError):
    """A standards file is malformed.

    Attributes:
        path: the YAML file.
        problems: ``(field, problem)`` pairs, e.g. ``("citations.0.source", "unknown source 'X'")``.
    """

    def __init__(self, path: str, problems: list[tuple[str, str]]) -> None:
        self.path = path
        self.problems = problems
        lines = "; ".join(f"{field}: {problem}" for field, problem in problems)
        super().__init__(f"{path}: {lines}")
