"""Runs inside a warm kernel (see kernels.py): remembers the state of a freshly started kernel and
puts it back before each notebook, so that no report sees what the previous one left behind.

Kept in its own module because module globals survive the user-namespace reset that `restore`
performs; the imported modules themselves are kept on purpose (they are what makes a kernel warm).
"""

from __future__ import annotations

import gc
import os
import random
import sys
import warnings

_snapshot: dict = {}


def snapshot() -> None:
    """Record the kernel's fresh state; call once, right after start-up and the warm imports."""
    import matplotlib
    import matplotlib.pyplot  # noqa: F401  activates the inline backend, whose settings belong to the snapshot

    # SVG figures get ids from a salted hash, random per process unless the salt is fixed: fixed, a
    # report rendered twice is the same file (PNG, the default format, is deterministic already).
    if not matplotlib.rcParams.get("svg.hashsalt"):
        matplotlib.rcParams["svg.hashsalt"] = "newsaudit"
    _snapshot.update(
        rc=dict(matplotlib.rcParams),
        inline=_inline_settings(),
        path=list(sys.path),
        argv=list(sys.argv),
        environ=dict(os.environ),
        warning_filters=list(warnings.filters),
    )
    # Everything alive now (the warm imports) is kept for the kernel's life: frozen, the collector
    # never scans it again, and the full collection of each reset takes milliseconds, not 70.
    gc.collect()
    gc.freeze()


INLINE_SETTINGS = ("figure_formats", "print_figure_kwargs")


def _inline_backend():
    """The inline backend's configuration (figure formats and print options), once it exists."""
    module = sys.modules.get("matplotlib_inline.config")
    return module.InlineBackend.instance() if module is not None and module.InlineBackend.initialized() else None


def _inline_settings() -> dict:
    """The inline backend's settings now, or its defaults when it is not configured yet."""
    inline = _inline_backend()
    if inline is not None:
        return {name: type(getattr(inline, name))(getattr(inline, name)) for name in INLINE_SETTINGS}
    try:
        from matplotlib_inline.config import InlineBackend
    except ImportError:  # not an IPython kernel with the inline backend
        return {}
    traits = InlineBackend.class_traits()
    return {name: traits[name].default() for name in INLINE_SETTINGS}


def restore(cwd: str) -> None:
    """Clear the user namespace and restore rcParams, the inline backend's figure options, pandas
    options, working directory, random state, sys.path, sys.argv, environment variables and
    warning filters."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        # new_session restarts execution counts at 1, as in a cold kernel.
        shell.reset(new_session=True)
    os.chdir(cwd)
    sys.path[:] = _snapshot["path"]
    sys.argv[:] = _snapshot["argv"]
    os.environ.clear()
    os.environ.update(_snapshot["environ"])
    warnings.filters[:] = _snapshot["warning_filters"]
    getattr(warnings, "_filters_mutated", lambda: None)()  # drop caches of the old filters (CPython)

    import matplotlib
    import matplotlib.pyplot as plt

    plt.close("all")
    inline = _inline_backend()
    if inline is not None and _snapshot["inline"]:
        for name, value in _snapshot["inline"].items():
            if getattr(inline, name) != value:
                setattr(inline, name, type(value)(value))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        matplotlib.rcParams.update(_snapshot["rc"])
    if "pandas" in sys.modules:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            sys.modules["pandas"].reset_option("all")
    # Fresh entropy, as a newly started kernel would have: a seed set by one report must not
    # make the next one's random numbers predictable.
    random.seed()
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()
