"""Where the tooling finds its data: the repository's `data/` folder, and the larger shared
evaluation sets beside the repository when they are there."""

from __future__ import annotations

import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]
DATA = REPOSITORY / "data"


def shared_dir() -> Path | None:
    """The larger evaluation material: `$SOHOA_SHARED`, else `../shared` beside the repository;
    None when neither is there (a clone on its own)."""
    override = os.environ.get("SOHOA_SHARED")
    candidate = Path(override) if override else REPOSITORY.parent / "shared"
    return candidate if candidate.is_dir() else None
