"""The files and pasted JSON users send: the assessment import and the verify upload,
fuzzed. Never a 500; every problem names its key; the text is kept to fix.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from hypothesis import given
from hypothesis import strategies as st

from assessments import checklist, services
from assessments.forms.operations import MAX_IMPORT_BYTES
from assessments.models import Brief

from .briefs_support import render_briefs
from .builders import best_assessment
from .hostile import FUZZ, RAW_MARKUP, SCRIPT, typed
from .isolation import rolled_back

# Null characters and lone surrogates: JSON spells them, databases refuse them.
UNSTORABLE_TEXT = st.text(st.characters(categories=["Cs", "Cc"]), min_size=1, max_size=4)

JSON_LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), typed(), UNSTORABLE_TEXT
)
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
KEYS = [*(f"operation.{key}" for key in checklist.PROFILE_FIELDS)] + [
    f"answers.{key}" for key in checklist.ITEMS
]


@st.composite
def _assessment_json(draw):
    """Mostly a good assessment with junk in a few places; sometimes junk throughout."""
    if draw(st.booleans()):
        return json.dumps(draw(JSON_VALUE))
    data = best_assessment()
    for path in draw(st.lists(st.sampled_from([*KEYS, "checklist_version", "x.y"]), max_size=4)):
        block, _dot, key = path.partition(".")
        value = draw(JSON_VALUE)
        if key and isinstance(data.get(block), dict):
            data[block][key] = value
        else:
            data[block] = value
    return json.dumps(data)


@FUZZ
@given(text=st.one_of(_assessment_json(), typed()))
def test_it_never_fails_on_an_imported_assessment(planner_client, text):
    with rolled_back():
        response = planner_client.post(reverse("assessments:assessment_import"), {"text": text})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        problems = response.context["problems"]
        assert problems or response.context["form"].errors
        html = response.content.decode()
        for problem in problems:
            if problem["key"]:
                assert f'<code class="small">{escape(problem["key"])}</code>' in html
            else:  # about the whole document, or a key named "" (an empty <code>)
                assert problem["message"] in (
                    "The assessment must be a JSON object.",
                    "is not a checklist key.",
                )
        assert response.context["form"]["text"].value() == text
        for raw in RAW_MARKUP:
            assert raw not in html


def _with_codename(codename):
    data = best_assessment()
    data["operation"]["codename"] = codename
    return json.dumps(data)


# Each made the import answer 500 (on PostgreSQL at least) before it was refused.
UNREADABLE_JSON = {
    "nested 100000 deep": "[" * 100_000 + "]" * 100_000,
    "a number of 5000 digits": '{"checklist_version": "1", "n": ' + "9" * 5000 + "}",
}
UNSTORABLE_JSON = {
    "a null character": _with_codename("A\u0000B"),
    "a lone surrogate": _with_codename("\ud800"),
    "a codename longer than its column": _with_codename("C" * 101),
}


@pytest.mark.parametrize("name", UNREADABLE_JSON)
def test_it_refuses_json_python_cannot_read(planner_client, name):
    response = planner_client.post(
        reverse("assessments:assessment_import"), {"text": UNREADABLE_JSON[name]}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "This JSON is nested too deeply or holds a number too long to read."
    ]


@pytest.mark.parametrize("name", UNSTORABLE_JSON)
def test_it_refuses_text_no_database_stores(planner_client, name):
    response = planner_client.post(
        reverse("assessments:assessment_import"), {"text": UNSTORABLE_JSON[name]}
    )
    assert response.status_code == 200
    assert [problem["key"] for problem in response.context["problems"]] == ["operation.codename"]


def test_it_refuses_an_oversized_paste_on_the_field(planner_client):
    text = "ก" * (MAX_IMPORT_BYTES + 1)  # three bytes each in UTF-8
    response = planner_client.post(reverse("assessments:assessment_import"), {"text": text})
    assert response.status_code == 200
    assert "text" in response.context["form"].errors
    assert 'id="error_1_id_text"' in response.content.decode()


@st.composite
def _damaged(draw, pdf):
    """A signed brief cut short, with bytes changed, or with junk around it."""
    data = bytearray(pdf[: draw(st.integers(0, len(pdf)))] if draw(st.booleans()) else pdf)
    for _ in range(draw(st.integers(0, 5))):
        if data:
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return draw(st.binary(max_size=20)) + bytes(data) + draw(st.binary(max_size=20))


@pytest.fixture
def signed_brief(approved_operation):
    return services.brief_pdf(render_briefs(approved_operation)[Brief.Variant.FULL])


@FUZZ
@given(data=st.data())
def test_it_never_fails_on_a_file_to_verify(planner_client, signed_brief, data):
    content = data.draw(
        st.one_of(
            st.binary(max_size=200).map(lambda junk: b"%PDF-1.7\n" + junk), _damaged(signed_brief)
        )
    )
    name = data.draw(st.sampled_from(["brief.pdf", f"{SCRIPT}.pdf", "x"]))
    upload = SimpleUploadedFile(name, content, "application/pdf")
    with rolled_back():
        response = planner_client.post(reverse("assessments:brief_verify"), {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    if response.context["form"].errors:
        assert 'id="error_1_id_file"' in html
    verification = response.context["verification"]
    if content != signed_brief and verification:
        assert not verification.signature.ok, "a changed file passed for a signed brief"
    for raw in RAW_MARKUP:
        assert raw not in html
