"""Production settings: secrets from the environment, and ``check --deploy`` passes cleanly.

Each case runs ``manage.py check --deploy`` in its own process (settings are read once per
process); the processes run side by side to keep the suite fast.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)

CASES = {
    "good": {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "example.org"},
    "no_secret": {"ALLOWED_HOSTS": "example.org"},
    "blank_secret": {"SECRET_KEY": "  ", "ALLOWED_HOSTS": "example.org"},
    "no_hosts": {"SECRET_KEY": secrets.token_urlsafe(50)},
    "weak_secret": {"SECRET_KEY": "django-insecure-short", "ALLOWED_HOSTS": "example.org"},
    # Django reached over HTTPS directly, no proxy header trusted: still clean.
    "no_proxy_header": {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.org",
        "SECURE_PROXY_SSL_HEADER": "",
    },
    "bad_proxy_header": {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.org",
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    },
    # HSTS without subdomains is allowed, and check --deploy says what that gives up.
    "hsts_this_host_only": {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "example.org",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": "false",
        "SECURE_HSTS_PRELOAD": "false",
    },
}


@pytest.fixture(scope="module")
def checks(tmp_path_factory):
    """Run every case at once; results as {case: CompletedProcess-like (code, out, err)}."""
    base = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "DEBUG"}
        and not key.startswith("SECURE_")
    }
    base["DJANGO_SETTINGS_MODULE"] = "hub.settings.production"
    base["HUB_VAR_DIR"] = str(tmp_path_factory.mktemp("var"))
    running = {}
    for name, extra in CASES.items():
        running[name] = subprocess.Popen(
            [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            cwd=BASE_DIR,
            env={**base, **extra},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    results = {}
    for name, process in running.items():
        out, err = process.communicate(timeout=120)
        results[name] = (process.returncode, out, err)
    return results


def test_production_settings_pass_check_deploy(checks):
    code, out, err = checks["good"]
    assert code == 0, f"check --deploy failed:\n{out}\n{err}"
    assert "System check identified no issues" in out, out
    assert "WARNING" not in err and "WARNINGS" not in out, err + out


@pytest.mark.parametrize("case", ["no_secret", "blank_secret"])
def test_production_refuses_to_start_without_secret_key(checks, case):
    code, out, err = checks[case]
    assert code != 0
    assert "ImproperlyConfigured" in err
    assert "SECRET_KEY" in err.strip().splitlines()[-1], err[-500:]


def test_production_refuses_to_start_without_allowed_hosts(checks):
    code, out, err = checks["no_hosts"]
    assert code != 0
    assert "ALLOWED_HOSTS" in err.strip().splitlines()[-1], err[-500:]


def test_check_deploy_really_checks(checks):
    """A weak secret key is reported, so the clean pass above means something."""
    code, out, err = checks["weak_secret"]
    assert code != 0
    assert "security.W009" in out + err


def test_production_works_without_a_proxy_header(checks):
    code, out, err = checks["no_proxy_header"]
    assert code == 0, f"check --deploy failed:\n{out}\n{err}"


def test_a_malformed_proxy_header_is_refused(checks):
    code, out, err = checks["bad_proxy_header"]
    assert code != 0
    assert "SECURE_PROXY_SSL_HEADER" in err.strip().splitlines()[-1], err[-500:]


def test_hsts_subdomains_can_be_turned_off(checks):
    code, out, err = checks["hsts_this_host_only"]
    assert code != 0  # a warning at --fail-level WARNING
    assert "security.W005" in out + err
