"""The compiled actor dictionary, kept in the cache folder so that a process loads it in a blink.

Building the dictionary from its TSV/YAML files (some 30,000 names with the converted Phoenix
data) takes a few tenths of a second; unpickling the built one takes a few hundredths. The cache
file is named by a hash of the data files' names, sizes and modification times and of this
package's code, so an edited table or a new release is rebuilt, never served stale. A cache that
cannot be read or written is ignored: the dictionary is then built from the files. Writing a new
build removes the older builds of the same installation, so the folder does not grow.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ..config import cache_dir_from_env

T = TypeVar("T")

#: Bump when the pickled layout changes without a code change the hash would see.
FORMAT = 1
CODE_FILES = ("dictionary.py", "tables.py", "phoenix.py", "cache.py")


def signature(data_dir: Path) -> str:
    """A hash of every data file under `data_dir` (name, size, mtime) and of the loader's code."""
    digest = hashlib.sha1(f"{FORMAT}:{data_dir.resolve()}".encode())
    here = Path(__file__).parent
    for path in sorted([*data_dir.rglob("*"), *(here / name for name in CODE_FILES)]):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()[:20]


def load_or_build(data_dir: Path, build: Callable[[Path], T]) -> T:
    """The dictionary of `data_dir` from the cache, else built by `build` and cached."""
    install = hashlib.sha1(str(data_dir.resolve()).encode()).hexdigest()[:8]
    path = cache_dir_from_env() / f"actors-{install}-{signature(data_dir)}.pickle"
    try:
        return pickle.loads(path.read_bytes())  # our own file in the user's cache folder
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        pass
    built = build(data_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, delete=False, suffix=".tmp") as out:
            out.write(pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(out.name, path)
        for stale in path.parent.glob(f"actors-{install}-*.pickle"):
            if stale != path:  # an older build of this installation's tables
                stale.unlink(missing_ok=True)
    except OSError:
        pass
    return built
