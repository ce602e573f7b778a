"""Settings shared by every environment.

Everything that differs between machines comes from the environment, with defaults
that make a fresh checkout run on the embedded SQLite database under ``var/``.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

from .email_provider import anymail_settings, email_backend
from .search_engines import search_backends

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("HUB_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "hub",
    "cases",
    "blog",
    "newsletter",
    "search",
    "demo",
    "bench",
    "hub.security",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "anymail",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "hub.security.csp.HubCSPMiddleware",
    "hub.security.csp.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Just inside the header middlewares: a cached page skips the rest, yet gets its
    # security headers afresh (hub/page_cache.py).
    "hub.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "hub.security.two_factor.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Wagtail serves documents with "Content-Encoding: None"; drop that invalid header.
    "hub.document_headers.document_headers_middleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes first, so a locked-out username+address is refused before the password
# is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "hub.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "hub.wsgi.application"

# Database: the embedded SQLite file by default, PostgreSQL (or anything else Django
# supports) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if DATABASE_IS_POSTGRES:
    # Wagtail's database search backend needs it for PostgreSQL full-text search.
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Danish is the main language, English the second. Every URL carries its
# language (/da/..., /en/...).
LANGUAGE_CODE = "da"
LANGUAGES = [
    ("da", "Dansk"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background work: Wagtail runs search indexing as tasks. The database backend and its
# worker (manage.py db_worker) in production; inline everywhere else.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "Landsbyklynger"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "hub.HubImage"
WAGTAILDOCS_DOCUMENT_MODEL = "hub.HubDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf", "csv", "docx", "odt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("WAGTAILDOCS_MAX_UPLOAD_SIZE", 50 * 1024 * 1024))
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Search: Wagtail's database backend taught Danish and English (search/backends), or
# Elasticsearch with Danish and English analyzers when ELASTICSEARCH_URL is set.
WAGTAILSEARCH_BACKENDS = search_backends(os.environ.get("ELASTICSEARCH_URL", "").strip() or None)
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False

HUB_LISTING_PAGE_SIZE = 12
# Whole public pages cached for anonymous readers until content changes (hub/page_cache.py);
# 0 turns it off (development and tests), production caches for 5 minutes.
HUB_PAGE_CACHE_SECONDS = int(os.environ.get("HUB_PAGE_CACHE_SECONDS", "0"))

# Newsletter subscribers (newsletter/subscriptions.py). Links in e-mails are absolute, on
# NEWSLETTER_BASE_URL (default: WAGTAILADMIN_BASE_URL).
NEWSLETTER_BASE_URL = os.environ.get("NEWSLETTER_BASE_URL", "")
NEWSLETTER_FROM_EMAIL = os.environ.get("NEWSLETTER_FROM_EMAIL", "Landsbyklynger <nyhedsbrev@localhost>")
# The mailto: half of List-Unsubscribe (default: the From address).
NEWSLETTER_UNSUBSCRIBE_MAILTO = os.environ.get("NEWSLETTER_UNSUBSCRIBE_MAILTO", "")
NEWSLETTER_CONFIRM_MAX_AGE = int(os.environ.get("NEWSLETTER_CONFIRM_MAX_AGE", 7 * 24 * 3600))
NEWSLETTER_DATA_LINK_MAX_AGE = int(os.environ.get("NEWSLETTER_DATA_LINK_MAX_AGE", 90 * 24 * 3600))
# Sign-ups per client IP address and window (seconds), and the least time between two
# e-mails the sign-up form sends to one address.
NEWSLETTER_SIGNUP_LIMIT = int(os.environ.get("NEWSLETTER_SIGNUP_LIMIT", 5))
NEWSLETTER_SIGNUP_WINDOW = int(os.environ.get("NEWSLETTER_SIGNUP_WINDOW", 600))
NEWSLETTER_RESEND_INTERVAL = int(os.environ.get("NEWSLETTER_RESEND_INTERVAL", 300))
# Behind a reverse proxy: the request header holding the client's address, e.g.
# HTTP_X_REAL_IP (empty: REMOTE_ADDR).
NEWSLETTER_CLIENT_IP_HEADER = os.environ.get("NEWSLETTER_CLIENT_IP_HEADER", "")

# Newsletter sending (newsletter/sending.py, worker.py). Messages per minute (0: no limit), per SMTP
# connection, and rows claimed per database commit: a worker killed mid-send leaves at
# most twice that many rows 'unknown' for an editor to decide. Temporary SMTP errors are
# retried NEWSLETTER_MAX_ATTEMPTS times, waiting NEWSLETTER_RETRY_DELAY seconds, then
# twice that, and so on. A row claimed longer ago than NEWSLETTER_CLAIM_TIMEOUT seconds
# belongs to a worker that died.
NEWSLETTER_RATE_PER_MINUTE = int(os.environ.get("NEWSLETTER_RATE_PER_MINUTE", 600))
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", 100))
NEWSLETTER_CLAIM_SIZE = int(os.environ.get("NEWSLETTER_CLAIM_SIZE", 20))
NEWSLETTER_MAX_ATTEMPTS = int(os.environ.get("NEWSLETTER_MAX_ATTEMPTS", 5))
NEWSLETTER_RETRY_DELAY = int(os.environ.get("NEWSLETTER_RETRY_DELAY", 60))
NEWSLETTER_CLAIM_TIMEOUT = int(os.environ.get("NEWSLETTER_CLAIM_TIMEOUT", 600))
# The domain of the Message-IDs (empty: the From address's domain).
NEWSLETTER_MESSAGE_ID_DOMAIN = os.environ.get("NEWSLETTER_MESSAGE_ID_DOMAIN", "")

# An e-mail service provider through django-anymail (hub/settings/email_provider.py): ANYMAIL_ESP
# (postmark, mailgun, brevo, ...), its ANYMAIL_<ESP>_* credentials and
# ANYMAIL_WEBHOOK_SECRET make it the e-mail backend and mount its tracking webhook at
# /anymail/<esp>/tracking/, where bounces and complaints suppress addresses.
ANYMAIL_ESP, ANYMAIL = anymail_settings(os.environ)
# A PEM bundle of the CAs that sign the mail servers' certificates (SMTP and the bounce
# mailbox), when not the system's: hub/security/tls.py.
EMAIL_SSL_CAFILE = os.environ.get("EMAIL_SSL_CAFILE") or None
if ANYMAIL_ESP:
    EMAIL_BACKEND = email_backend(ANYMAIL_ESP)

# Security (hub/security/): headers, Content Security Policy, login throttling, two-factor
# sign-in, upload checks. Production adds HTTPS-only cookies and HSTS.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Editors' e-mail hashes are not sent to gravatar.com (and the admin policy need not allow it).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The public site: our own static files only. No 'unsafe-inline': templates have no
# inline script, on* attribute or style attribute (tests/hub/security checks).
_csp_report_uri = env_list("CSP_REPORT_URI")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *env_list("CSP_EXTRA_IMG_SRC")],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        **({"report-uri": _csp_report_uri} if _csp_report_uri else {}),
    }
}
# The admin (Wagtail's and Django's) uses inline scripts and styles, data:/blob: images
# and frames its own previews: a relaxed policy for those paths only (hub/security/csp.py).
HUB_ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
HUB_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", *env_list("CSP_EXTRA_IMG_SRC")],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
        **({"report-uri": _csp_report_uri} if _csp_report_uri else {}),
    }
}
HUB_PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Admin sign-in throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair is refused for AXES_COOLOFF_MINUTES, even with
# the right password; after AXES_IP_FAILURE_LIMIT wrong passwords from one address, for
# any usernames (password spraying), the whole address is (hub/security/throttling.py;
# 0 turns that off). Unlock early with `manage.py axes_reset_username USERNAME` or
# `manage.py axes_reset_ip ADDRESS`.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
HUB_AXES_IP_FAILURE_LIMIT = int(os.environ.get("AXES_IP_FAILURE_LIMIT", 20))
AXES_HANDLER = "hub.security.throttling.HubAxesHandler"
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "hub.security.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "hub.security.throttling.client_ip"
# Only failures are kept (to count them), not a log of every successful sign-in.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Two-factor sign-in (hub/security/two_factor.py): editors turn it on under Account →
# Two-factor authentication; HUB_2FA_REQUIRED makes it compulsory for everyone who
# reaches the admin.
HUB_2FA_REQUIRED = env_bool("HUB_2FA_REQUIRED", False)
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Landsbyklynger")

# Uploads (hub/security/uploads.py): a document named .pdf, or any document a report uses,
# must be a PDF by its content; office files must be the zip containers they claim.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "hub.security.document_forms.CheckedDocumentForm"
# Django keeps uploads above this in a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# The final archive exported from the admin (Settings → Archive export) is written here,
# one folder and one zip per export (newsletter/archive/jobs.py).
ARCHIVE_EXPORT_DIR = Path(os.environ.get("ARCHIVE_EXPORT_DIR", VAR_DIR / "archive-exports"))
# Processes that render pages during the export; 0 means one per core.
ARCHIVE_RENDER_PROCESSES = int(os.environ.get("ARCHIVE_RENDER_PROCESSES", "0"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
