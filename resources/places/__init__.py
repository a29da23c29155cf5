"""Where a visitor is and how far things are.

`resolve.resolve_place` turns what a visitor types ("Madison", a ZIP code) into a Point, from
`gazetteer` (the places loaded by `load_places`); `geo` measures distances; `placing` gives
locations their coordinates. Searches, the API and the importer read these; none imports upwards.
"""
