"""The durability harness, fuzzing part (marked slow): 10,000 damaged visit documents imported.

Each document is one of the examples with random damage: a value replaced by any JSON value (deep
structures, huge numbers, long or control-character strings), a key removed, an unknown key added,
a list repeated past the limits. Importing it must either store one whole visit or refuse it with
invalid input: never another exception, and a refused document leaves no row behind anywhere.

CLINIC_FUZZED_DOCUMENTS sets the number of documents (default 10,000).
"""

from __future__ import annotations

import copy
import json
import os
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from clinic_app.accounts import SessionUser
from clinic_app.errors import ClinicError
from clinic_app.storage import VisitService, open_database
from clinic_app.storage.db import Database
from clinic_app.storage.orm import Base
from clinic_app.visitdoc import parse_visit_document
from tests.examples import EXAMPLES

from ..logins import first_admin

DOCUMENTS = int(os.environ.get("CLINIC_FUZZED_DOCUMENTS", "10000"))
SOURCES = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(EXAMPLES.glob("*.visit.json"))]
# What to compare before and after a refused import: every table but the audit trail, which records it.
OUTCOMES: Counter[str] = Counter()
COUNTED = [table for table in Base.metadata.sorted_tables if not table.name.startswith("audit_")]

pytestmark = pytest.mark.slow

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(max_size=50)
    | st.sampled_from(["", "\x00", "\u202e", "x" * 5000, "1900-01-01", "9999-12-31", "left", "knee"]),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5),
    max_leaves=20,
)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every place in the document a value sits, the document's root left out."""
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        yield (*prefix, key)
        yield from paths(child, (*prefix, key))


def parent_of(document: Any, path: tuple[Any, ...]) -> Any:
    node = document
    for key in path[:-1]:
        node = node[key]
    return node


@st.composite
def damaged_documents(draw: st.DrawFn) -> str:
    document = copy.deepcopy(draw(st.sampled_from(SOURCES)))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        places = list(paths(document))
        path = draw(st.sampled_from(places))
        parent, key = parent_of(document, path), path[-1]
        damage = draw(st.sampled_from(["replace", "remove", "add", "repeat"]))
        if damage == "replace":
            parent[key] = draw(json_values)
        elif damage == "remove":
            del parent[key]
        elif damage == "add" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=12))] = draw(json_values)
        elif damage == "repeat" and isinstance(parent[key], list) and parent[key]:
            parent[key] = parent[key] * draw(st.integers(min_value=2, max_value=30))
    return json.dumps(document, ensure_ascii=draw(st.booleans()))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, SessionUser]]:
    database = open_database(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'clinic.db'}")
    yield database, first_admin(database)
    database.dispose()
    print(f"\nfuzzed imports: {OUTCOMES['stored']} stored whole, {OUTCOMES['refused']} refused, no traceback")
    # Not a harness that only ever refuses: some damage leaves a valid document (a note, a measurement).
    assert OUTCOMES["stored"], OUTCOMES
    assert OUTCOMES["refused"], OUTCOMES


def row_counts(database: Database) -> list[int]:
    with database.reading() as session:
        return [session.scalar(select(func.count()).select_from(table)) or 0 for table in COUNTED]


@settings(
    max_examples=DOCUMENTS,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(text=damaged_documents())
def test_a_damaged_document_is_stored_whole_or_refused_with_nothing_left_behind(
    store: tuple[Database, SessionUser], text: str
) -> None:
    database, admin = store
    before = row_counts(database)
    outcome = import_document(database, admin, text)
    OUTCOMES["refused" if isinstance(outcome, ClinicRefusal) else "stored"] += 1
    if isinstance(outcome, ClinicRefusal):  # invalid input, or a clash with what is stored: said in words
        assert outcome, "refused without saying why"
        assert row_counts(database) == before, "a refused document left rows behind"
    else:
        assert VisitService(database).load(outcome).id == outcome


def import_document(database: Database, admin: SessionUser, text: str) -> str | ClinicRefusal:
    """The stored visit's id, or the refusal's message; any other exception fails the test."""
    try:
        visit = parse_visit_document(text)
        return VisitService(database).import_document(admin, visit).id
    except ClinicError as refused:
        return ClinicRefusal(str(refused))


class ClinicRefusal(str):
    """What the app said when it refused a document."""


def test_the_harness_starts_from_every_example() -> None:
    assert len(SOURCES) >= 4
    assert all(list(paths(source)) for source in SOURCES)
