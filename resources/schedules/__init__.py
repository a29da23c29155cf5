"""When services are open and groups meet.

`opening` answers "open now?", "next meetings" and "this week" from a service's schedules;
`words` says a schedule in plain words; `calendar` writes a service's meetings as iCalendar;
`open_now` keeps the opening-hours rows the "Open now" filter reads in SQL (connected in apps.py).
Models, pages, templatetags and the importer read these; nothing here imports from pages.
"""
