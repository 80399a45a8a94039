"""The encoded UN and OSCE standards: one YAML file per standard in ``catalogue/`` and the
cited documents in ``sources.yaml``. Load them with :func:`load_catalogue`."""

from standards.loader import default_catalogue, load_catalogue, load_standard
from standards.model import Catalogue, Citation, Source, Standard

__all__ = ["Catalogue", "Citation", "Source", "Standard", "default_catalogue", "load_catalogue", "load_standard"]
