"""vCard 3.0 (RFC 2426) text for people, escaped and folded by hand: no library needed for this much."""

from collections.abc import Iterable

from django.http import StreamingHttpResponse
from django.utils import timezone

from .models import Person

LINE_LIMIT = 75  # octets per line before folding


def escape(value: str) -> str:
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space, never splitting a character."""
    parts, current = [], ""
    for char in line:
        limit = LINE_LIMIT if not parts else LINE_LIMIT - 1
        if len((current + char).encode("utf-8")) > limit:
            parts.append(current)
            current = ""
        current += char
    parts.append(current)
    return "\r\n ".join(parts)


def vcard(person: Person) -> str:
    post = person.main_affiliation
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"UID:urn:liaison:person:{person.pk}",
        f"N:{escape(person.full_name)};;;{escape(person.honorific)};",
        f"FN:{escape(person.display_name)}",
    ]
    if post is not None:
        lines.append(f"ORG:{escape(post.organisation.name)};{escape(post.department)}".rstrip(";"))
        if post.position:
            lines.append(f"TITLE:{escape(post.position)}")
    for email, kind in ((person.email, "WORK"), (person.email_other, "HOME")):
        if email:
            lines.append(f"EMAIL;TYPE=INTERNET,{kind}:{escape(email)}")
    if person.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{person.phone}")
    if person.mobile:
        lines.append(f"TEL;TYPE=CELL:{person.mobile}")
    if person.do_not_contact:
        lines.append("CATEGORIES:DO NOT CONTACT")
        lines.append("NOTE:DO NOT CONTACT (data protection: this person asked not to be contacted)")
    lines.append(f"REV:{timezone.now():%Y-%m-%dT%H:%M:%SZ}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def vcard_response(people: Iterable[Person], filename: str) -> StreamingHttpResponse:
    """Streamed, so that a long list of people never sits in memory as one string."""
    response = StreamingHttpResponse((vcard(p) for p in people), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.vcf"'
    return response
