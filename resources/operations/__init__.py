"""Running the directory: `backups` (the backup and restore commands' work) and `progress` (what a
long command reports as it goes, in the terminal or in an import job's row).
Management commands, the HSDS importer and exporter, the gazetteer and the search index use these.
"""
