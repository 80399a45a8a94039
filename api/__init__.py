"""The HTTP API of rightscheck for partner NGOs.

* :func:`api.app.create_app` builds the FastAPI application from :class:`api.settings.Settings`;
* :mod:`api.store` holds the database tables (organisations, API keys, checks) and the
  functions that read and write them;
* :mod:`api.runner` runs checks, at once for short drafts and in a worker thread pool for
  long ones;
* :mod:`api.cli` adds ``rightscheck serve``, ``rightscheck keys`` and ``rightscheck db``.

Importing :mod:`api` loads neither FastAPI nor spaCy; the submodules do.
"""
