"""The runtime as a package of its own, for its tests (tests/). Not shipped: each SDK's __init__.py is
clientgen's (templates/python/__init__.py.j2)."""
