"""Files as offices send them, built in the tests (no binary fixtures in the repository)."""

import io

from openpyxl import Workbook

OUTLOOK_HEADER = "Title,First Name,Last Name,E-mail Address,Company,Job Title,Mobile Phone,Business Phone"


def outlook_csv(*rows: str) -> bytes:
    """Outlook's export: UTF-8 with a BOM, CRLF line ends."""
    return ("\ufeff" + "\r\n".join([OUTLOOK_HEADER, *rows]) + "\r\n").encode("utf-8")


def xlsx(rows: list[list], sheet: str = "Sheet1", extra_sheet: tuple | None = None) -> bytes:
    book = Workbook()
    first = book.active
    first.title = sheet
    for row in rows:
        first.append(row)
    if extra_sheet:
        name, extra_rows = extra_sheet
        other = book.create_sheet(name)
        for row in extra_rows:
            other.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


VCARDS = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Lim;Wei Ling;;Dr.;\r\n"
    "FN:Dr. Lim Wei Ling\r\n"
    "ORG:Majlis Bandaraya Shah Alam;Jabatan Perancangan\r\n"
    "TITLE:Pengarah\r\n"
    "EMAIL;TYPE=INTERNET:weiling@mbsa.gov.my\r\n"
    "TEL;TYPE=CELL:+60 12-777 8888\r\n"
    "TEL;TYPE=WORK:03-5510 5133\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Zoë Saldaña-Pérez\r\n"
    "N:Saldaña-Pérez;Zoë;;;\r\n"
    "EMAIL:zoe@example.org\r\n"
    "TEL;TYPE=cell;VALUE=uri:tel:+34-600-123-456\r\n"
    "END:VCARD\r\n"
)
