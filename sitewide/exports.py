"""The one CSV/XLSX writer for every download: cells a spreadsheet would run as formulas are neutralised.

OWASP's rule for CSV injection: a cell that begins with =, +, -, @, a tab or a carriage return is
prefixed with a single quote so Excel, LibreOffice and Sheets show it as text. Numbers stay numbers.
"""

import csv
import io

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A value a spreadsheet will show, never run: numbers as they are, risky text behind a quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_text(value):
    """`safe_cell` for a writer that keeps its own types (dates, numbers): only risky text changes."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def protect_wagtail_exports():
    """Route every cell of Wagtail's `?export=csv|xlsx` through the same rule.

    Wagtail's SpreadsheetExportMixin writes our reports (what people search for, listings to check) and
    its own (aging and locked pages, site history, workflows, page types usage, form submissions), whose
    cells include page titles an import or a provider typed. Patched once, on the mixin every one of them
    inherits, so a report added later is safe without remembering to be.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "formula_safe", False):
        return
    prepare = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self, field, value, export_format):
        return safe_text(prepare(self, field, value, export_format))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.formula_safe = True


def safe_rows(rows):
    for row in rows:
        yield [safe_cell(value) for value in row]


def csv_bytes(header, rows, preamble=()):
    """CSV text (UTF-8 with a BOM, so Excel reads accents) of optional preamble lines, the header and rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for line in preamble:
        writer.writerow([safe_cell(line)])
    writer.writerows(safe_rows([header, *rows]))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(header, rows, preamble=(), title="Data"):
    from openpyxl import Workbook  # only the XLSX downloads need it

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for line in preamble:
        sheet.append([safe_cell(line)])
    for row in safe_rows([header, *rows]):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def download(filename, header, rows, preamble=(), format="csv"):
    """An attachment response in the asked format ("csv" or "xlsx"), every cell made safe."""
    if format == "xlsx":
        content = xlsx_bytes(header, rows, preamble)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content, content_type = csv_bytes(header, rows, preamble), "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{format}"'
    return response
