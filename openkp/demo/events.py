"""Demo data of the events module (filled in with the module). Both functions are idempotent."""


def clear():
    """Delete this module's rows in the demo areas (runs before the groups and periods are recreated)."""


def load():
    """Create this module's demo content in the demo areas `ostrava` and `hlucinsko`."""
