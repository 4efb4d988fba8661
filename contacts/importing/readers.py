"""Files as tables of text: CSV (any delimiter and usual encoding), XLSX and vCard 3/4."""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

import charset_normalizer
import vobject
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from liaison.web.text import strip_controls
from liaison.web.uploads import archive_problem

DELIMITERS = ",;\t|"
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1")


class ImportFileError(Exception):
    """A file that cannot be read as a table; the message says why, in the user's language."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]  # every row as long as the headers (ragged rows are kept, see `ragged`)
    kind: str  # "csv", "xlsx" or "vcard"
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    ragged: dict[int, int] = field(default_factory=dict)  # row index → number of cells it had


def max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", 10 * 1024 * 1024)


def max_rows() -> int:
    return getattr(settings, "IMPORT_MAX_ROWS", 20_000)


def read_table(name: str, data: bytes, *, encoding: str = "", delimiter: str = "", sheet: str = "") -> Table:
    """The file as a table; ImportFileError with a message when it cannot be one."""
    if len(data) > max_bytes():
        raise ImportFileError(
            _("The file is %(size)s; an import takes files up to %(limit)s. Split it into smaller files.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(max_bytes())}
        )
    if not data.strip():
        raise ImportFileError(_("The file is empty."))
    lower = name.lower()
    if data.startswith(b"PK\x03\x04") or lower.endswith((".xlsx", ".xlsm")):
        table = read_xlsx(data, sheet=sheet)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(_("This is an old Excel (.xls) file: save it as .xlsx or CSV and import that."))
    elif lower.endswith((".vcf", ".vcard")) or b"BEGIN:VCARD" in data[:2048].upper():
        table = read_vcard(decode(data, encoding))
    else:
        table = read_csv(data, encoding=encoding, delimiter=delimiter)
    return finish(table)


def finish(table: Table) -> Table:
    headers = [" ".join(strip_controls(h).split()) for h in table.headers]
    if not any(headers):
        raise ImportFileError(_("The first row must name the columns; it is empty."))
    rows = [row for row in table.rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ImportFileError(_("The file has a header row but no data rows."))
    if len(rows) > max_rows():
        raise ImportFileError(
            _("The file has %(count)s rows; an import takes up to %(limit)s. Split it into smaller files.")
            % {"count": len(rows), "limit": max_rows()}
        )
    width = len(headers)
    table.ragged = {}
    for index, row in enumerate(rows):
        cells = len(row)
        while cells > width and not row[cells - 1].strip():
            cells -= 1  # empty cells past the last column are only a trailing delimiter
        if cells > width:
            table.ragged[index] = cells
        row[:] = (row + [""] * width)[:width]
    table.headers, table.rows = headers, rows
    return table


def decode(data: bytes, encoding: str = "") -> tuple[str, str]:
    """(text, encoding): the one asked for, else a BOM's, else UTF-8, else what charset-normalizer finds."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            raise ImportFileError(
                _("The file cannot be read as %(encoding)s: choose another encoding.") % {"encoding": encoding}
            ) from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if b"\x00" in data[:4096]:
        # UTF-16 without a BOM (every other byte zero in Latin text); anything else with NULs is binary.
        sample = data[:4096]
        zeros_even, zeros_odd = sample[0::2].count(0), sample[1::2].count(0)
        if max(zeros_even, zeros_odd) > len(sample) // 4:
            codec = "utf-16-le" if zeros_odd > zeros_even else "utf-16-be"
            try:
                return data.decode(codec), "utf-16"
            except UnicodeDecodeError:
                pass
        raise ImportFileError(_("This is not a text file: import a CSV, an Excel (.xlsx) file or a vCard (.vcf)."))
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    results = list(charset_normalizer.from_bytes(data[:200_000]))
    best = results[0] if results else None
    # Windows-1252 is what Excel on an English or Malay Windows writes: preferred over a neighbour
    # code page (cp1250, mac_roman…) that reads the same bytes about as well.
    western = next((r for r in results if r.encoding in ("cp1252", "latin_1", "iso8859_15")), None)
    if western is not None and (best is None or western.chaos <= best.chaos + 0.1):
        best = western
    codec = best.encoding if best is not None else "cp1252"
    if codec in ("latin_1", "iso8859_1", "iso8859_15", "ascii"):
        codec = "cp1252"  # a superset of Latin-1's letters, with the curly quotes and the euro sign
    try:
        return data.decode(codec), codec
    except UnicodeDecodeError:
        raise ImportFileError(_("The file's encoding could not be recognised: choose it in the form.")) from None


def read_csv(data: bytes, *, encoding: str = "", delimiter: str = "") -> Table:
    text, used = decode(data, encoding)
    if "\x00" in text:
        raise ImportFileError(_("This is not a text file: import a CSV, an Excel (.xlsx) file or a vCard (.vcf)."))
    delimiter = delimiter or sniff_delimiter(text)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(_("The CSV file is malformed: %(error)s") % {"error": error}) from None
    rows = [[strip_controls(cell) for cell in row] for row in rows if row]
    if not rows:
        raise ImportFileError(_("The file is empty."))
    return Table(headers=rows[0], rows=rows[1:], kind="csv", encoding=used, delimiter=delimiter)


def sniff_delimiter(text: str) -> str:
    sample = "\n".join(text[:20_000].splitlines()[:50])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        first = text.split("\n", 1)[0]
        counts = {d: first.count(d) for d in DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def read_xlsx(data: bytes, *, sheet: str = "") -> Table:
    problem = archive_problem(io.BytesIO(data))  # a zip bomb is refused before openpyxl inflates it
    if problem:
        raise ImportFileError(problem)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise ImportFileError(_("This Excel file cannot be opened: it is damaged or not an .xlsx file.")) from None
    try:
        names = book.sheetnames
        if sheet and sheet not in names:
            raise ImportFileError(
                _("The workbook has no sheet named “%(sheet)s”; its sheets are: %(names)s.")
                % {"sheet": sheet, "names": ", ".join(names)}
            )
        chosen = book[sheet or names[0]]
        rows = []
        for values in chosen.iter_rows(values_only=True):
            rows.append([cell_text(value) for value in values])
            if len(rows) > max_rows() + 1 and any(rows[-1]):
                break
    finally:
        book.close()
    while rows and not any(rows[0]):
        rows.pop(0)
    if not rows:
        raise ImportFileError(_("The file is empty."))
    headers = rows[0]
    while headers and not headers[-1]:
        headers.pop()
    return Table(headers=headers, rows=rows[1:], kind="xlsx", sheet=chosen.title, sheets=names)


def cell_text(value) -> str:
    """A cell as text: phone numbers typed as numbers lose no digit, a formula stays its text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return strip_controls(str(value))


# vCard properties as the columns of a table: the mapping proposes their fields like any header.
VCARD_COLUMNS = [
    "Honorific",
    "Full name",
    "First name",
    "Last name",
    "E-mail",
    "E-mail 2",
    "Phone",
    "Mobile",
    "Organisation",
    "Department",
    "Position",
    "Website",
    "Country",
    "Notes",
]


def read_vcard(decoded: tuple[str, str]) -> Table:
    text, used = decoded
    rows = []
    try:
        for card in vobject.readComponents(text, ignoreUnreadable=True):
            if card.name != "VCARD":
                continue
            rows.append(vcard_row(card))
            if len(rows) > max_rows():
                break
    except Exception:  # vobject raises many kinds on broken cards; any of them means the same to the user
        raise ImportFileError(_("This vCard file is malformed and cannot be read.")) from None
    if not rows:
        raise ImportFileError(_("The file holds no vCard."))
    return Table(headers=list(VCARD_COLUMNS), rows=rows, kind="vcard", encoding=used)


def _values(card, key):
    return [item.value for item in card.contents.get(key, [])]


def vcard_row(card) -> list[str]:
    row = dict.fromkeys(VCARD_COLUMNS, "")
    row["Full name"] = _text(_values(card, "fn")[:1])
    for name in _values(card, "n")[:1]:
        row["Honorific"] = _text(name.prefix)
        row["First name"] = _text([name.given, name.additional])
        row["Last name"] = _text(name.family)
    emails = [_text(v) for v in _values(card, "email")]
    row["E-mail"], row["E-mail 2"] = ([*emails, "", ""])[:2]
    for tel in card.contents.get("tel", []):
        types = {t.lower() for t in tel.params.get("TYPE", [])} | {
            t.lower() for v in tel.params.get("TYPE", []) for t in str(v).split(",")
        }
        column = "Mobile" if types & {"cell", "mobile", "iphone"} else "Phone"
        if not row[column]:
            row[column] = _text(tel.value).removeprefix("tel:")
    for org in _values(card, "org")[:1]:
        parts = [org] if isinstance(org, str) else list(org)
        row["Organisation"] = _text(parts[:1])
        row["Department"] = _text(parts[1:2])
    row["Position"] = _text(_values(card, "title")[:1])
    row["Website"] = _text(_values(card, "url")[:1])
    for address in _values(card, "adr")[:1]:
        row["Country"] = _text(getattr(address, "country", ""))
    row["Notes"] = _text(_values(card, "note")[:1])
    return [row[column] for column in VCARD_COLUMNS]


def _text(value) -> str:
    if isinstance(value, (list, tuple)):
        return " ".join(_text(v) for v in value if _text(v))
    return strip_controls(" ".join(str(value or "").split()))
