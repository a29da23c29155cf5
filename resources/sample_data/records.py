"""Small builders that keep the data files readable: phones and RFC 5545 schedules as dicts."""

EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"
WEEKDAYS = "MO,TU,WE,TH,FR"


def call(number, description=""):
    return {"type": "voice", "number": number, "description": description}


def text(number, description=""):
    return {"type": "sms", "number": number, "description": description}


def tty(number, description=""):
    return {"type": "tty", "number": number, "description": description}


def around_the_clock(description=""):
    """Open 24 hours a day, 7 days a week: every day, and no times."""
    return {"freq": "WEEKLY", "byday": EVERY_DAY, "description": description}


def weekly(byday, opens_at, closes_at, **more):
    """Every week on `byday`; `interval=2` with a `dtstart` on that weekday for every other week.

    A closing time earlier than the opening time means the hours run past midnight.
    """
    return {"freq": "WEEKLY", "byday": byday, "opens_at": opens_at, "closes_at": closes_at, **more}


def monthly(byday, opens_at, closes_at, **more):
    """Once a month on the nth weekday: `2TU` is the second Tuesday, `-1FR` the last Friday."""
    return {"freq": "MONTHLY", "byday": byday, "opens_at": opens_at, "closes_at": closes_at, **more}
