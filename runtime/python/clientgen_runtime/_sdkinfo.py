"""Test values of what clientgen writes per SDK (templates/python/_sdkinfo.py.j2 makes each SDK's own): its
name and version, clientgen's version, and where the raw send() puts the credential. Not shipped.
"""

from __future__ import annotations

SDK_NAME = "runtime-tests"
SDK_VERSION = "0.0.1"
CLIENTGEN_VERSION = "0.0.0"
# (location, name, form) of the spec's first security scheme, else Authorization: Bearer
RAW_SEND_AUTH = ("header", "Authorization", "key")
