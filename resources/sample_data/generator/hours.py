"""When generated services open or meet, as the Schedule model stores it (RFC 5545)."""

from datetime import date, time, timedelta

from resources.models import Schedule
from resources.sample_data.generator.ids import generated_id

DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
# A Monday: every-other-week meetings count their weeks from here.
FIRST_MONDAY = date(2026, 1, 5)


def schedules_for(rng, service_id, resource):
    """Meetings for groups (weekly, every other week, or the nth weekday of the month),
    lines open around the clock or in the evenings, office hours for the rest."""
    draw = rng.random()
    if draw < 0.1:
        return []
    day = rng.choice(DAY_CODES[:5] if rng.random() < 0.8 else DAY_CODES)
    if resource in {"support-group", "online-community", "peer-support"}:
        starts = time(rng.choice((10, 12, 17, 18, 18, 19, 19)), rng.choice((0, 0, 30)))
        ends = time((starts.hour + 1 + (starts.minute + 30) // 60) % 24, (starts.minute + 30) % 60)
        if draw < 0.45:
            return [_schedule(rng, service_id, day, starts, ends)]
        if draw < 0.6:
            dtstart = FIRST_MONDAY + timedelta(days=DAY_CODES.index(day))
            return [_schedule(rng, service_id, day, starts, ends, interval=2, dtstart=dtstart)]
        nth = rng.choice(("1", "2", "3", "4", "-1"))
        return [
            _schedule(rng, service_id, f"{nth}{day}", starts, ends, freq=Schedule.Frequency.MONTHLY)
        ]
    if resource in {"hotline", "warmline", "crisis-service"}:
        if draw < 0.55:
            return [_schedule(rng, service_id, ",".join(DAY_CODES), None, None)]
        opens = time(rng.choice((9, 12, 16, 17, 18)))
        return [
            _schedule(rng, service_id, ",".join(DAY_CODES), opens, time(rng.choice((0, 2, 21, 23))))
        ]
    opens = time(rng.choice((8, 8, 9, 9, 9, 10)), rng.choice((0, 0, 30)))
    schedules = [
        _schedule(
            rng, service_id, ",".join(DAY_CODES[:5]), opens, time(opens.hour + 8, opens.minute)
        )
    ]
    if rng.random() < 0.3:
        schedules.append(_schedule(rng, service_id, "SA", time(10), time(14)))
    if rng.random() < 0.15:
        schedules.append(_schedule(rng, service_id, "TU,TH", time(17), time(20)))
    return schedules


def _schedule(rng, service_id, byday, opens_at, closes_at, **more):
    return Schedule(
        id=generated_id(rng),
        service_id=service_id,
        byday=byday,
        opens_at=opens_at,
        closes_at=closes_at,
        **more,
    )
