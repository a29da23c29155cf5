"""The read-only HSDS 3.0 API under /api/."""
