"""The clinic profile and document settings in a plain file beside an encrypted database.

The encrypted database opens only at a login, yet a handout or summary printed from a visit file
(`clinic handout`, `clinic summary`) and the desktop's first screen need the clinic's name, address
and document settings. Neither holds patient data, so a copy of both is kept in
`clinic.db.settings.json` (private), written whenever they are saved and at each login.
The database stays the record: the file is only ever read while the database is locked.
"""

from __future__ import annotations

import base64
import binascii
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
        # JSON as the strict models read it back; the logo's bytes apart, as base64
        "profile": json.loads(profile.model_copy(update={"logo_png": None}).model_dump_json()),
        "logo_png": None if profile.logo_png is None else base64.b64encode(profile.logo_png).decode("ascii"),
        "document_settings": json.loads(settings.model_dump_json()),
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
        logo = document.get("logo_png")
        profile = ClinicProfile.model_validate_json(json.dumps(document["profile"]))
        if logo is not None:
            profile = profile.model_copy(update={"logo_png": base64.b64decode(logo, validate=True)})
        return (
            profile,
            DocumentSettings.model_validate_json(json.dumps(document["document_settings"])),
            int(document["lock_after_minutes"]),
        )
    except (OSError, ValueError, KeyError, TypeError, binascii.Error):
        return ClinicProfile(), DocumentSettings(), DEFAULT_LOCK_MINUTES
