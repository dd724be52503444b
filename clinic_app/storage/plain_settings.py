"""The clinic profile and document settings in a plain file beside an encrypted database.

The encrypted database opens only at a login, yet a handout or summary printed from a visit file
(`clinic handout`, `clinic summary`) and the desktop's first screen need the clinic's name, address
and document settings. Neither holds patient data, so a copy of both is kept in
`clinic.db.settings.json` (private), written whenever they are saved and at each login.
The database stays the record: the file is only ever read while the database is locked.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from clinic_app.domain import ClinicProfile, DocumentSettings
from clinic_app.storage.orm import DEFAULT_LOCK_MINUTES

SUFFIX = ".settings.json"
PRIVATE_FILE_MODE = 0o600


def plain_settings_path(database: Path) -> Path:
    return database.with_name(database.name + SUFFIX)


def write_plain_settings(
    database: Path, profile: ClinicProfile, settings: DocumentSettings, lock_after_minutes: int
) -> None:
    path = plain_settings_path(database)
    document = {
        "profile": profile.model_dump(mode="json"),
        "document_settings": settings.model_dump(mode="json"),
        "lock_after_minutes": lock_after_minutes,
    }
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, PRIVATE_FILE_MODE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        json.dump(document, stream, ensure_ascii=False, indent=2)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


def read_plain_settings(database: Path) -> tuple[ClinicProfile, DocumentSettings, int]:
    """The copy; the defaults when there is none yet (or it cannot be read: it is only a copy)."""
    try:
        document = json.loads(plain_settings_path(database).read_text(encoding="utf-8"))
        return (
            ClinicProfile.model_validate(document["profile"]),
            DocumentSettings.model_validate(document["document_settings"]),
            int(document["lock_after_minutes"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return ClinicProfile(), DocumentSettings(), DEFAULT_LOCK_MINUTES
