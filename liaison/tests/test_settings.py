"""Production mode: refuses unsafe settings, and `check --deploy` finds nothing to warn about."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_KEY = "k3J9-q8Zr!vT2mXw@L5pN7sB0yH4eD6fG1aC8uQ3iO9jR2tK5nM"  # 51 characters, test only


def manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="False",
        SECRET_KEY=PRODUCTION_KEY,
        ALLOWED_HOSTS="example.org",
        SITE_URL="https://example.org",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_production_mode_refuses_the_default_secret_key():
    result = manage("check", DEBUG="False", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "set SECRET_KEY" in result.stderr


def test_production_mode_refuses_a_short_secret_key():
    result = manage("check", DEBUG="False", SECRET_KEY="short", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "set SECRET_KEY" in result.stderr


def test_production_mode_refuses_to_start_without_its_site_url():
    result = manage("check", DEBUG="False", SECRET_KEY=PRODUCTION_KEY, ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "set SITE_URL" in result.stderr


def test_production_mode_refuses_to_start_without_allowed_hosts():
    result = manage("check", DEBUG="False", SECRET_KEY=PRODUCTION_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_development_check_passes_with_no_environment():
    result = manage("check")
    assert result.returncode == 0, result.stderr
