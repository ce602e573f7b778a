"""An edition as e-mail: HTML with inlined CSS plus a plain-text part, one per recipient.

The expensive part (StreamField, templates, CSS inlining) is done once per edition page;
each recipient's message then only fills in their own links, headers and Message-ID.
No tracking pixels and no rewritten links: what the editor linked is what is sent.
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass, field
from email.utils import formatdate

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags

from hub.public_address import public_base_url, public_url

from .conf import from_email, message_id_domain

MAX_MESSAGE_BYTES = 102 * 1024  # Gmail clips larger messages; refuse them instead.
# Placeholders cut out of the rendered message and filled in per recipient (not secrets).
UNSUBSCRIBE_TOKEN = "__NEWSLETTER_UNSUBSCRIBE_URL__"  # noqa: S105
MY_DATA_TOKEN = "__NEWSLETTER_MY_DATA_URL__"  # noqa: S105
RELATIVE_URL_RE = re.compile(r'(\s(?:href|src)=")(/[^/"][^"]*|/)"')
TEXT_WIDTH = 76  # plain-text lines, as mail readers expect them
INLINER = css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=False)


class MessageTooLarge(ValueError):
    """A message over ``MAX_MESSAGE_BYTES``: it would be clipped, so it is never sent."""


@dataclass
class Recipient:
    """Everything personal in one message."""

    email: str
    unsubscribe_url: str
    my_data_url: str
    headers: dict[str, str] = field(default_factory=dict)
    message_id: str | None = None


def message_id(edition_id: int, subscriber_id: int, domain: str | None = None) -> str:
    """The same for every attempt at one recipient, so a resent copy is recognisably one.
    ``domain``: message_id_domain(), when the caller has it already."""
    return f"<edition-{edition_id}.sub-{subscriber_id}@{domain or message_id_domain()}>"


MESSAGE_ID_RE = re.compile(r"<edition-(\d+)\.sub-(\d+)@([^<>\s]+)>")


def parse_message_id(value: str) -> tuple[int, int] | None:
    """(edition id, subscriber id) of a Message-ID ``message_id`` made here, else None:
    a bounce that quotes it names the delivery it is about."""
    match = MESSAGE_ID_RE.fullmatch((value or "").strip())
    if match is None or match.group(3) != message_id_domain():
        return None
    return int(match.group(1)), int(match.group(2))


def base_url(page) -> str:
    """The public address (hub.public_address) the e-mail's links start with."""
    site = page.get_site()
    return public_base_url(site) if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolutise(markup: str, root: str) -> str:
    """Site-relative links and images become absolute: e-mail has no base URL."""
    return RELATIVE_URL_RE.sub(lambda m: f'{m.group(1)}{root}{m.group(2)}"', markup)


# Plain text ------------------------------------------------------------------------------


def html_to_text(markup: str) -> str:
    """Rich text to readable plain text: links keep their address, lists their bullets."""
    text = re.sub(
        r'<a\s[^>]*href="([^"]+)"[^>]*>(.*?)</a>',
        lambda m: f"{m.group(2)} ({m.group(1)})" if m.group(1) not in m.group(2) else m.group(2),
        markup,
        flags=re.S,
    )
    text = re.sub(r"<li[^>]*>", "\n- ", text)
    text = re.sub(r"</(p|ul|ol|h[1-6])>|<br\s*/?>", "\n\n", text)
    text = html.unescape(strip_tags(text))
    lines = [
        textwrap.fill(" ".join(line.split()), TEXT_WIDTH, break_long_words=False, break_on_hyphens=False)
        for line in text.splitlines()
    ]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def block_text(block, root: str) -> str:
    kind, value = block.block_type, block.value
    if kind == "heading_block":
        return _heading(value["heading_text"], value)
    if kind == "paragraph_block":
        return html_to_text(absolutise(" " + value.source, root))
    if kind == "quote_block":
        said_by = f"\n  - {value['attribute_name']}" if value["attribute_name"] else ""
        return f'"{value["text"]}"{said_by}'
    if kind == "fact_block":
        return f"{value['figure']}: {value['text']}"
    if kind == "image_block":
        return f"[{value['caption'] or value['image'].description}]"
    if kind == "document_block":
        document = value["document"]
        return f"{value['label'] or document.title}: {root}{document.url}"
    if kind == "featured_page":
        page = featured(value["page"])
        if page is None:
            return ""
        return f"{page.title}\n{featured_text(value, page)}\n{public_url(page)}".strip()
    return html_to_text(str(block))


def _heading(text: str, value) -> str:
    underline = "=" if value["size"] == "h2" else "-"
    return f"{text}\n{underline * len(text)}"


# Featured pages ----------------------------------------------------------------------------


def featured(page):
    """The chosen page in the edition's language, else as chosen, if readers may see it
    (hub/visibility.py: live, public, not expired); else None, so nothing private or gone
    is ever sent or linked, however long after choosing it the edition goes out."""
    if page is None:
        return None
    from wagtail.models import Locale

    from hub.visibility import visible

    candidates = visible(page.specific_class.objects.filter(translation_key=page.translation_key))
    by_locale = {candidate.locale_id: candidate for candidate in candidates}
    return by_locale.get(Locale.get_active().pk) or by_locale.get(page.locale_id)


def featured_text(value, page) -> str:
    if value.get("text"):
        return value["text"]
    for name in ("intro", "summary"):
        text = getattr(page, name, "")
        if text:
            return html_to_text(str(text))
    return ""


# The edition, once per page -------------------------------------------------------------


@dataclass
class RenderedEdition:
    """An edition page rendered and inlined, waiting for a recipient's links."""

    page_id: int
    subject: str
    html: str
    text: str
    _templates: dict = field(default_factory=dict, repr=False)

    def message(self, recipient: Recipient) -> EmailMultiAlternatives:
        html_part = self.html.replace(UNSUBSCRIBE_TOKEN, html.escape(recipient.unsubscribe_url)).replace(
            MY_DATA_TOKEN, html.escape(recipient.my_data_url)
        )
        text_part = self.text.replace(UNSUBSCRIBE_TOKEN, recipient.unsubscribe_url).replace(
            MY_DATA_TOKEN, recipient.my_data_url
        )
        headers = dict(recipient.headers)
        if recipient.message_id:
            headers["Message-ID"] = recipient.message_id
        message = EmailMultiAlternatives(
            subject=self.subject,
            body=text_part,
            from_email=from_email(),
            to=[recipient.email],
            headers=headers,
        )
        message.attach_alternative(html_part, "text/html")
        return message

    def message_bytes(self, recipient: Recipient) -> bytes:
        """The message as sent: the edition's MIME bytes built once, each recipient's
        address, links and headers put in by replacement (building MIME is most of the
        cost of a message). Falls back to ``message()`` whenever that would not be exact."""
        names = tuple(recipient.headers)
        if names not in self._templates:
            self._templates[names] = self._split_template(names)
        template = self._templates[names]
        values = [
            recipient.email,
            recipient.unsubscribe_url,
            recipient.my_data_url,
            recipient.message_id or "",
        ]
        values += [recipient.headers[name] for name in names]
        links = (recipient.unsubscribe_url, recipient.my_data_url)
        if not template or not all(map(_plain, values)) or any(html.escape(url) != url for url in links):
            return message_bytes(self.message(recipient))
        values.insert(4, formatdate(localtime=settings.EMAIL_USE_LOCALTIME))
        fill = dict(zip(template_tokens(names), (value.encode() for value in values), strict=True))
        # One pass over the message: the template is kept cut at its tokens.
        return b"".join([fill[piece] if is_token else piece for is_token, piece in template])

    def _split_template(self, names: tuple[str, ...]) -> list[tuple[bool, bytes]] | None:
        """The byte template cut into (is_token, bytes) pieces."""
        data = self._byte_template(names)
        if data is None:
            return None
        pattern = re.compile(b"(" + b"|".join(map(re.escape, template_tokens(names))) + b")")
        return [(bool(index % 2), piece) for index, piece in enumerate(pattern.split(data))]

    def _byte_template(self, names: tuple[str, ...]) -> bytes | None:
        """The MIME bytes with placeholders, or None if its parts are not plain 8bit text
        (then a placeholder could have been encoded out of recognition)."""
        recipient = Recipient(
            email=PLACEHOLDER_TO,
            unsubscribe_url=UNSUBSCRIBE_TOKEN,
            my_data_url=MY_DATA_TOKEN,
            headers={"Date": DATE_TOKEN, **dict(zip(names, header_tokens(names), strict=True))},
            message_id=MESSAGE_ID_TOKEN,
        )
        data = message_bytes(self.message(recipient))
        if data.count(b"Content-Transfer-Encoding: 8bit") != 2 or any(
            data.count(token.encode()) != 1 for token in (PLACEHOLDER_TO, MESSAGE_ID_TOKEN, DATE_TOKEN)
        ):
            return None
        return data


PLACEHOLDER_TO = "newsletter-recipient@placeholder.invalid"
MESSAGE_ID_TOKEN = "__NEWSLETTER_MESSAGE_ID__"  # noqa: S105 - a placeholder
DATE_TOKEN = "__NEWSLETTER_DATE__"  # noqa: S105 - a placeholder


def header_tokens(names: tuple[str, ...]) -> list[str]:
    return [f"__NEWSLETTER_HEADER_{index}__" for index in range(len(names))]


def template_tokens(names: tuple[str, ...]) -> list[bytes]:
    """The placeholders of a byte template, in the order of message_bytes()'s values."""
    tokens = (PLACEHOLDER_TO, UNSUBSCRIBE_TOKEN, MY_DATA_TOKEN, MESSAGE_ID_TOKEN, DATE_TOKEN)
    return [token.encode() for token in (*tokens, *header_tokens(names))]


def _plain(value: str) -> bool:
    """Safe to put into the bytes as it is: ASCII on one line."""
    return value.isascii() and "\n" not in value and "\r" not in value


def short_lines(markup: str, limit: int = 900) -> str:
    """HTML whose lines stay far under SMTP's 998-byte limit (so parts go out as plain
    8bit, not quoted-printable): long lines break at a space outside any tag."""
    lines = []
    for line in markup.splitlines():
        while len(line.encode()) > limit:
            cut, in_tag = -1, False
            for position, char in enumerate(line[: limit // 2]):
                if char == "<":
                    in_tag = True
                elif char == ">":
                    in_tag = False
                elif char == " " and not in_tag:
                    cut = position
            if cut <= 0:
                cut = line.find(">", 0, limit // 2)
                if cut < 0:
                    break
                cut += 1
                lines.append(line[:cut])
                line = line[cut:]
                continue
            lines.append(line[:cut])
            line = line[cut + 1 :]
        lines.append(line)
    return "\n".join(lines)


def render_edition(page, *, archived: bool = False) -> RenderedEdition:
    """Render ``page`` in its own language; raise ``MessageTooLarge`` before anyone gets it.

    ``archived`` renders the copy kept in the final archive: no recipient at all, the
    unsubscribe and "my data" links replaced by a neutral note (newsletter.archive.parts).
    """
    root = base_url(page)
    with translation.override(page.locale.language_code):
        context = {
            "page": page,
            "root_url": root,
            "web_url": public_url(page),
            "archive_url": public_url(page.get_parent()),
            "unsubscribe_url": "" if archived else UNSUBSCRIBE_TOKEN,
            "my_data_url": "" if archived else MY_DATA_TOKEN,
            "archived_copy": archived,
            "language_code": page.locale.language_code,
        }
        markup = render_to_string("newsletter/email/edition.html", context)
        body_text = "\n\n".join(filter(None, (block_text(block, root) for block in page.body)))
        text = render_to_string(
            "newsletter/email/edition.txt", {**context, "body_text": body_text, "intro": page.intro}
        )
    rendered = RenderedEdition(
        page_id=page.pk,
        subject=page.title,
        html=short_lines(INLINER.inline(absolutise(markup, root))),
        text=text,
    )
    if not archived:
        check_size(rendered.message(sample_recipient(page)))
    return rendered


def message_bytes(message: EmailMultiAlternatives) -> bytes:
    return message.message().as_bytes(linesep="\r\n")


def check_size(message: EmailMultiAlternatives) -> bytes:
    data = message_bytes(message)
    if len(data) >= MAX_MESSAGE_BYTES:
        raise MessageTooLarge(
            f"The e-mail is {len(data) / 1024:.0f} KB; it must stay under {MAX_MESSAGE_BYTES // 1024} KB."
        )
    return data


def sample_recipient(page, email: str = "") -> Recipient:
    """Links of the right length for a size check, a preview or a test e-mail."""
    return Recipient(
        email=email or "preview@example.invalid",
        unsubscribe_url=f"{base_url(page)}/newsletter/unsubscribe/{'x' * 43}/",
        my_data_url=f"{base_url(page)}/newsletter/my-data/{'x' * 43}/",
        message_id=None,
    )


def preview_message(page, user) -> EmailMultiAlternatives:
    """The e-mail as a recipient would get it, for the admin's preview modes."""
    return render_edition(page).message(sample_recipient(page, getattr(user, "email", "")))
