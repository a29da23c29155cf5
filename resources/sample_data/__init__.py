"""The directory that ships with supportdir: real national lines and a made-up sample region.

`national.py` and `local.py` hold the records as plain Python structures; `loader.py` writes them
to the database. Run it with `python manage.py load_sample_data`.
"""
