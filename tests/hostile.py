"""Shared by the hostile-input tests: what hostile users type, and how a form page must
answer it."""

from django.utils.html import escape
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
HOSTILE = (SCRIPT, ATTRIBUTE, "' OR 1=1 --", "{{ 7|add:7 }}", "\u202eevil", "\x00", "%s%n")
# What must never reach a page unescaped.
RAW_MARKUP = ("<script>alert(1)", "<img src=x")


# What a browser can send: any Unicode character but the lone surrogates, which UTF-8 (and
# so an HTTP body) cannot spell.
TYPABLE = st.characters(codec="utf-8")


def _huge_text():
    return st.builds(lambda char, count: char * count, TYPABLE, st.integers(4001, 4200))


def typed():
    """Text a person (or a script) could put in any field."""
    return st.one_of(st.text(TYPABLE, max_size=40), st.sampled_from(HOSTILE), _huge_text())


def one_of_or_typed(values):
    return st.one_of(st.sampled_from(values), typed())


def typed_or(valid):
    return st.one_of(st.just(valid), typed())


def assert_form_page_is_sound(response, data, text_fields):
    """Errors sit on the fields they are about, and what was typed is shown again."""
    html = response.content.decode()
    form = response.context["form"]
    for name in form.errors:
        if name in form.fields and not form.fields[name].widget.is_hidden:
            assert f'id="error_1_id_{name}"' in html, f"error of {name} not by its field"
    for name in text_fields:
        if name in data:
            assert form[name].value() == data[name]
            assert escape(data[name]) in html, f"{name} not kept"
    for raw in RAW_MARKUP:
        assert raw not in html
