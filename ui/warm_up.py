"""Once the window is up: keep start-up's objects out of garbage collection, and warm up printing.

Python's cyclic garbage collector now and then walks every object the app holds, with Python's
lock held, whichever thread set it off. The modules, widgets, catalogue, library, fonts and
pictures built at start-up live as long as the app, and walking them took about 70 ms, long
enough to be felt as a stall. Freezing moves them out of the collector's sight for good.
"""

from __future__ import annotations

import gc

from ui.tasks import Tasks


def warm_up_documents(tasks: Tasks) -> None:
    """Freeze what start-up built, then warm up the documents on `tasks` and freeze that too."""
    gc.freeze()
    tasks.run(_warm_up, _freeze)


def _warm_up() -> None:
    # On the documents lane, while the therapist finds the patient: the first preview is then quick.
    from clinic_app.documents import warm_up

    warm_up()


def _freeze(_: object) -> None:
    gc.freeze()
