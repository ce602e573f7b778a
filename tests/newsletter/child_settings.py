"""Settings for a ``manage.py`` child process that a test starts and kills.

The test settings, but on the test's own (committed) database and sending to the
test's SMTP server on loopback, both passed through the environment.
"""

import os

from hub.settings.test import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["NEWSLETTER_TEST_DB_NAME"]  # noqa: F405
DATABASES["default"]["TEST"] = {"NAME": os.environ["NEWSLETTER_TEST_DB_NAME"]}  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["NEWSLETTER_TEST_SMTP_PORT"])
EMAIL_TIMEOUT = 10
NEWSLETTER_RATE_PER_MINUTE = 0
NEWSLETTER_RETRY_DELAY = 0
NEWSLETTER_BATCH_SIZE = int(os.environ.get("NEWSLETTER_BATCH_SIZE", "10"))
NEWSLETTER_CLAIM_SIZE = int(os.environ.get("NEWSLETTER_CLAIM_SIZE", "5"))
