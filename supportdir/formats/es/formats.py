"""Spanish formats as US Spanish writes them (issue 17): Django's `es`, with two changes.

- Times on the 24-hour clock without a leading zero, "9:00" and "18:30", as in "de 9:00 a
  17:00"; Django's `es` writes "09:00".
- Numbers with a decimal point, "a 2.3 millas": the readers are in the US, where Spanish (the
  Census Bureau's, the press's) writes decimals as English does, as Django's `es_MX` and
  `es_PR` do; Django's `es` (Spain's usage) writes "2,3", which next to miles and prices in
  dollars reads as a thousands separator to many US readers.
"""

from django.conf.locale.es.formats import *  # noqa: F403

TIME_FORMAT = "G:i"
DATETIME_FORMAT = r"j \d\e F \d\e Y \a \l\a\s G:i"
SHORT_DATETIME_FORMAT = "d/m/Y G:i"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
