"""The directory that ships with supportdir: real national lines and a made-up sample region.

`national.json` and `dane-county.json` are HSDS 3.0 JSON (service-rooted, as our export writes
it), `beyond-hsds.json` what HSDS does not carry; `loader.py` imports them through the HSDS
importer. Run it with `python manage.py load_sample_data`. `generator/` makes large made-up
directories for benchmarks (`generate_directory`).
"""
