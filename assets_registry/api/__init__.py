"""Routers for the registry's part of the read API at /api/v1/ (mounted in config/api.py)."""
