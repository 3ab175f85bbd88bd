"""Export and import (no Qt): the Excel workbook (:mod:`.xlsx`), report charts (:mod:`.charts`)
and touch-point tables from .xlsx/.csv (:mod:`.table_import`).

openpyxl and matplotlib are heavy; import the submodules when they are needed, not here.
"""
