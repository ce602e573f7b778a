"""Served documents carry valid HTTP headers.

Wagtail's sendfile backend sets ``Content-Encoding`` to the encoding ``mimetypes`` guessed,
which for a PDF is ``None``: the header then reads ``Content-Encoding: None``, which is no
HTTP coding (RFC 9110, section 8.4) and which the final archive would record as served.
"""

from __future__ import annotations


def document_headers_middleware(get_response):
    """Drop a ``Content-Encoding`` header whose value is ``None`` or empty."""

    def middleware(request):
        response = get_response(request)
        if response.has_header("Content-Encoding") and response["Content-Encoding"].strip() in ("", "None"):
            del response["Content-Encoding"]
        return response

    return middleware
