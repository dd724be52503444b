"""Where the example visits live: the project's own copy of the contract's examples.

`tests/data/examples/` holds the visit/2 examples with their expected triage/2 results;
`tests/data/examples/v1/` the round-1 visit/1 documents, which must still be read.
"""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent / "data" / "examples"
V1_EXAMPLES = EXAMPLES / "v1"
