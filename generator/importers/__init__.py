"""Importers: modules from public sources, merged into an existing model folder.

Each importer reads its source, plans what it would add (never changing what an
editor wrote) and writes only on request; see the sub-modules.
"""
