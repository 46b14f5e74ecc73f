# RaidAssess production image: gunicorn (web) and celery (worker) run from it.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
    && apt-get install -y --no-install-recommends gcc libpq-dev \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt /tmp/requirements.txt
# psycopg2 is compiled here, against libpq, so the runtime image needs no compiler.
RUN pip wheel --wheel-dir /wheels -r /tmp/requirements.txt


FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=raidassess.settings \
    STATIC_ROOT=/app/var/static \
    MEDIA_ROOT=/app/var/media

# libpq for psycopg2, Pango/HarfBuzz for WeasyPrint, fonts for Latin, Thai and Khmer
# briefs, gettext for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpq5 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
        fonts-dejavu-core fonts-noto-core gettext \
    && rm -rf /var/lib/apt/lists/*

COPY --from=build /wheels /wheels
RUN pip install --no-index --no-deps /wheels/*.whl && rm -rf /wheels

RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin raidassess
WORKDIR /app
COPY --chown=raidassess:raidassess . /app

# collectstatic needs settings that start with DEBUG off: throwaway keys made here,
# used for this command only, never stored in the image.
RUN DEBUG=false ALLOWED_HOSTS=build.invalid \
    SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    FIELD_ENCRYPTION_KEYS="$(python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
    SIGNING_KEY_FILE=/dev/null \
    SIGNING_KEY_PASSPHRASE="$(python -c 'import secrets; print(secrets.token_urlsafe(32))')" \
    sh -c 'python manage.py collectstatic --noinput && python manage.py compilemessages' \
    && mkdir -p /app/var/media \
    && chown -R raidassess:raidassess /app/var

USER raidassess
EXPOSE 8000
CMD ["gunicorn", "raidassess.wsgi:application", "--bind", "0.0.0.0:8000"]
