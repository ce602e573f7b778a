"""Production: every secret and host comes from the environment, and nothing insecure
is assumed. ``manage.py check --deploy`` passes cleanly with these settings."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()  # noqa: F405
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable for production.")
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [required("ALLOWED_HOSTS")]  # noqa: F405
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")  # noqa: F405

# HTTPS everywhere, behind a reverse proxy that terminates TLS and says so in a header:
# SECURE_PROXY_SSL_HEADER is "HEADER,value" (default X-Forwarded-Proto: https); set it
# empty when Django itself is reached over HTTPS. Only trust it if the proxy overwrites
# that header on every request.
_proxy_header = env_list("SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO,https")  # noqa: F405
if _proxy_header:
    if len(_proxy_header) != 2:
        raise ImproperlyConfigured(
            'SECURE_PROXY_SSL_HEADER must be "HEADER,value", e.g. HTTP_X_FORWARDED_PROTO,https'
        )
    SECURE_PROXY_SSL_HEADER = tuple(_proxy_header)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Cookies only over HTTPS and out of reach of scripts (the CSRF cookie stays readable:
# Wagtail's admin scripts send it back).
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
# HSTS: one year, subdomains and preload by default. Turn SECURE_HSTS_INCLUDE_SUBDOMAINS
# or SECURE_HSTS_PRELOAD off if another host under the domain is not on HTTPS yet;
# start with a small SECURE_HSTS_SECONDS (e.g. 300) on a first deployment.
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)  # noqa: F405
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)  # noqa: F405
# Headers (nosniff, Referrer-Policy, frame options, CSP, Permissions-Policy) are set in
# base.py for every environment; production only tells browsers to upgrade requests.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405
HUB_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["upgrade-insecure-requests"] = True  # noqa: F405

# Keep database connections between requests (a new PostgreSQL connection per request
# costs more than most pages take to render).
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

# A cache shared by every worker process: publishing bumps the content version there,
# which invalidates cached pages, search results and navigation for all of them.
# CACHE_URL (or REDIS_URL), e.g. redis://127.0.0.1:6379/0, selects Redis: a cached page
# then costs one round trip to it. Without one, the database cache (run
# `manage.py createcachetable` once when deploying): each hit costs SQL queries.
_cache_url = (os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or "").strip()  # noqa: F405
if _cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {
            # Django's RedisCache, serving without a cache while Redis is away (hub/cache.py).
            "BACKEND": "hub.cache.ResilientRedisCache",
            "LOCATION": _cache_url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "hub"),  # noqa: F405
            # A stalled Redis fails a request within a second instead of hanging a worker.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
elif _cache_url:
    raise ImproperlyConfigured(f"CACHE_URL must be a redis://, rediss:// or unix:// URL, not {_cache_url!r}")
else:
    CACHES = {
        "default": {
            "BACKEND": os.environ.get("CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),  # noqa: F405
            "LOCATION": os.environ.get("CACHE_LOCATION", "hub_cache"),  # noqa: F405
            # Django's default of 300 entries is a few minutes of readers' URLs.
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "50000"))},  # noqa: F405
        }
    }

HUB_PAGE_CACHE_SECONDS = int(os.environ.get("HUB_PAGE_CACHE_SECONDS", "300"))  # noqa: F405

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),  # noqa: F405
    }
}

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")  # noqa: F405
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))  # noqa: F405
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")  # noqa: F405
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")  # noqa: F405
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # noqa: F405
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # noqa: F405
# Verified TLS to the mail servers (SMTP and the bounce mailbox): hub/security/tls.py.
EMAIL_SSL_CERTFILE = os.environ.get("EMAIL_SSL_CERTFILE") or None  # noqa: F405
EMAIL_SSL_KEYFILE = os.environ.get("EMAIL_SSL_KEYFILE") or None  # noqa: F405
if EMAIL_USE_SSL and EMAIL_USE_TLS:
    raise ImproperlyConfigured("EMAIL_USE_SSL and EMAIL_USE_TLS are exclusive: set one of them.")
if not ANYMAIL_ESP:  # noqa: F405
    EMAIL_BACKEND = "hub.security.tls.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")  # noqa: F405
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "INFO")  # noqa: F405
