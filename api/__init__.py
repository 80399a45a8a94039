"""HTTP API for partner NGOs (see issue: HTTP API)."""
