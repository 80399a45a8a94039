"""rightscheck: checks a draft law, provision by provision, against encoded UN and OSCE
standards on peaceful assembly, expression and media, and association.

The Python API is :func:`check`; see :mod:`checker.api_check` for details.
"""

__version__ = "0.1.0"

from checker.errors import InputError, RightscheckError  # noqa: E402
from checker.models import Report  # noqa: E402

__all__ = ["check", "InputError", "RightscheckError", "Report", "__version__"]


def __getattr__(name: str):  # lazy: importing checker must not load spaCy
    if name == "check":
        from checker.pipeline import check

        return check
    raise AttributeError(name)
