"""graphapp/errors.py draws its exception tree in its docstring: every class is in the drawing, with its status."""

from __future__ import annotations

import re

from graphapp import errors


def test_the_drawn_tree_has_every_error_with_its_status_and_parent() -> None:
    drawn = {
        match["name"]: (int(match["status"]), len(match["indent"]))
        for match in re.finditer(r"^(?P<indent>[ │├└─]*)(?P<name>\w+)\s+(?P<status>\d{3})", errors.__doc__ or "", re.M)
    }
    exported = {name: getattr(errors, name) for name in errors.__all__}
    classes = {name: cls for name, cls in exported.items() if isinstance(cls, type)}
    assert set(drawn) == set(classes)
    for name, cls in classes.items():
        status, depth = drawn[name]
        assert status == cls.status, name
        parent = cls.__mro__[1].__name__
        if cls is not errors.GraphappError:
            assert drawn[parent][1] < depth, f"{name} is not drawn under {parent}"
