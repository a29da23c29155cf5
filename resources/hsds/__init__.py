"""Open Referral HSDS 3.0: our records as HSDS (serialize), the API's parameters, import, export.

The specification's schemas are not part of the project; tests read them from ../shared/hsds.
"""

HSDS_VERSION = "3.0"
HSDS_PROFILE = "https://docs.openreferral.org/en/v3.0/"
