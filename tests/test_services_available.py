"""In CI the suite runs against PostgreSQL and Redis: these fail there, never skip, when
either is missing. Elsewhere they check whatever services the environment points at."""

import os

import pytest
import redis
from django.conf import settings
from django.db import connection

IN_CI = os.environ.get("CI") == "true"


@pytest.mark.django_db
def test_it_uses_postgresql():
    if not IN_CI and not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("set CI=true or DATABASE_URL to check services")
    assert connection.vendor == "postgresql", "CI must run against PostgreSQL (DATABASE_URL)"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_it_reaches_redis():
    broker_url = settings.CELERY_BROKER_URL
    if not IN_CI and not broker_url.startswith("redis"):
        pytest.skip("set CI=true or CELERY_BROKER_URL to check services")
    assert broker_url.startswith("redis"), "CI must run with a Redis CELERY_BROKER_URL"
    assert settings.CELERY_TASK_ALWAYS_EAGER is False
    client = redis.Redis.from_url(broker_url, socket_connect_timeout=5, socket_timeout=5)
    try:
        assert client.ping() is True
    finally:
        client.close()
