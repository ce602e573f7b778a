"""Local development: debug on, a throwaway secret, the demo host."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")  # noqa: F405
if not ANYMAIL_ESP:  # noqa: F405
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
