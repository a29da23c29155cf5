"""Curators' work and the record of it, below the admin pages that call it.

`decisions` (accept or reject a visitor's suggestion or problem report), `review` (a change
marked ready, compared and applied), `history` and `timeline` (what changed, by whom, shown per
service), `change_sets` (one save, one set of changes), `spreadsheet` (services as a CSV to
check), `roles` (the curators' groups and permissions) and `sign_in` (paused sign-ins, two-factor).
admin/ and the management commands import from here; models do not.
"""
