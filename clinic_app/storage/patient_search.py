"""Patient search by name or MRN prefix, fast enough to run at every keystroke.

One statement of three index range scans (family name first, given name first, MRN), each
limited on its own, so together they hold the best matches of each; a range, not LIKE, which
would read the whole index. Matches on a later word of a name ("maria" for Ana María López,
"ruiz" for Marta Gómez-Ruiz) come last, from a fourth range scan that runs only when the
first three leave room in the list. The statement is built with SQLAlchemy and compiled once for the
database, then run on a pooled DBAPI connection: at this size SQLAlchemy's result machinery
would cost more than the query (see benchmarks/bench_patient_search.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Date,
    Engine,
    Integer,
    Select,
    bindparam,
    literal_column,
    select,
    union_all,
)
from sqlalchemy.orm import InstrumentedAttribute

from clinic_app.storage.orm import PatientNameKeyRow, PatientRow
from clinic_app.storage.records import PatientSummary
from clinic_app.storage.search_key import prefix_upper_bound, search_key

# Family-name matches first, then given-name matches, then MRN matches; each part in key order.
SEARCH_KEYS = (PatientRow.family_given_key, PatientRow.given_family_key, PatientRow.mrn_key)
LATER_WORD_RANK = len(SEARCH_KEYS)
_RESULT_ORDER = itemgetter(0, 1, 2)  # rank, key, id: Python compares str by code point, as the index does


def _matches_on(
    rank: int, key: InstrumentedAttribute[str]
) -> Select[int, str, int, str, str, str, dt.date | None]:
    """The first :limit patients whose key starts with :prefix, in key order."""
    return (
        select(
            literal_column(str(rank), Integer).label("rank"),
            key.label("sort_key"),
            PatientRow.id,
            PatientRow.mrn,
            PatientRow.given_name,
            PatientRow.family_name,
            PatientRow.birth_date,
        )
        .where(key >= bindparam("prefix"), key < bindparam("above_prefix"))
        .order_by(key, PatientRow.id)
        .limit(bindparam("limit", type_=Integer))
    )


# Unordered: Python sorts the few rows, cheaper than the database sorting them again.
SEARCH_STATEMENT: CompoundSelect[Any] = union_all(
    *(select(_matches_on(rank, key).subquery()) for rank, key in enumerate(SEARCH_KEYS))
)
LATER_WORD_STATEMENT = _matches_on(LATER_WORD_RANK, PatientNameKeyRow.name_key).join(
    PatientRow, PatientRow.id == PatientNameKeyRow.patient_id
)


class _Compiled:
    """A statement compiled once for one database, run on a pooled DBAPI connection."""

    def __init__(self, statement: Any, engine: Engine) -> None:
        self._engine = engine
        compiled = statement.compile(dialect=engine.dialect)
        self._sql = str(compiled)
        self._fixed_parameters = dict(compiled.params)  # e.g. the OFFSET 0 SQLite's LIMIT comes with
        self._positions = tuple(compiled.positiontup or ()) if compiled.positional else None

    def rows(self, prefix: str, limit: int) -> Sequence[Any]:
        values = {"prefix": prefix, "above_prefix": prefix_upper_bound(prefix), "limit": limit}
        named = self._fixed_parameters | values
        parameters = named if self._positions is None else tuple(named[name] for name in self._positions)
        connection = self._engine.raw_connection()  # from the pool, with its connect-time settings
        try:
            cursor = connection.cursor()
            try:
                cursor.execute(self._sql, parameters)
                return cursor.fetchall()
            finally:
                cursor.close()
        finally:
            connection.close()  # back to the pool, which rolls back whatever the driver began


class PatientSearch:
    """The search statements compiled for one engine's database."""

    def __init__(self, engine: Engine) -> None:
        self._starts = _Compiled(SEARCH_STATEMENT, engine)
        self._later_words = _Compiled(LATER_WORD_STATEMENT, engine)
        # How the database hands back a date (SQLite: as text): the conversion SQLAlchemy would apply.
        to_date = Date().dialect_impl(engine.dialect).result_processor(engine.dialect, None)
        self._to_date: Callable[[Any], dt.date | None] = to_date or (lambda value: value)

    def __call__(self, text: str, limit: int) -> list[PatientSummary]:
        prefix = search_key(text)
        if not prefix or limit < 1:
            return []
        found: dict[int, PatientSummary] = {}
        self._add(found, self._starts.rows(prefix, limit), limit)
        if len(found) < limit:  # later-word matches rank last: wanted only while there is room
            self._add(found, self._later_words.rows(prefix, limit), limit)
        return list(found.values())

    def _add(self, found: dict[int, PatientSummary], rows: Sequence[Any], limit: int) -> None:
        for _rank, _key, patient_id, mrn, given_name, family_name, birth_date in sorted(
            rows, key=_RESULT_ORDER
        ):
            if len(found) == limit:
                return
            if patient_id not in found:  # a patient may match on two keys; the first match counts
                birth = self._to_date(birth_date)
                found[patient_id] = PatientSummary(patient_id, mrn, given_name, family_name, birth)
