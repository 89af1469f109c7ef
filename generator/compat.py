"""`clientgen diff OLD NEW` (its arguments are parsed in cli.py): what changed between two specs for the users
of the SDKs made from them, and the semantic-version bump that implies.

Both specs are read as `generate` reads them (files, URLs under the same reference policy, or `git:REV:path`) and
compared as built models (`build.py`'s ir, after `upgrade.py`): what the SDKs are made from, with the names their
users see, so a Swagger 2.0 spec and its OpenAPI 3 form compare equal. Operations are matched by operationId,
models by name, fields and parameters by wire name, responses by status, enum values by value, union variants by
type. Each change is breaking (major), compatible (minor) or patch (descriptions, defaults, info, the default
base URL); no change at all is a patch too.

The rule is who writes and who reads. A request is written by the SDK's user and read by the service; a response
the other way round. A change is breaking when code written against the old SDK, or a client made from the old
spec, can stop working: in a request, what the user must send may not grow (a new required field or parameter,
an optional one made required, null no longer allowed, a field made read-only) and what the user may send may
not shrink (a field, parameter or enum value removed); in a response, what the user may rely on may not shrink (a
field removed or made optional, null now possible, a field made write-only, a response or variant removed). A
model used in both directions, or in neither (the SDK still offers it), is held to both. Types, names in the SDK,
methods, paths, parameter places and encodings, media types and the way an operation returns (one value, a
possibly empty one, pages, a poller, a stream) must stay as they were; a credential may not become required.
Required parameters are positional arguments and optional ones named (`<Operation>Params`), so a parameter
changing either way, or the required ones changing order, changes every call. Additions are compatible: the SDKs
keep enum values and union variants they do not know, and ignore fields they do not know. The rules are about
values, not about how each language spells a type: in Go (and for C# value types) a field's required and nullable
flags also choose its type (T, *T, Nullable[T]), so a compatible change of them can still need an edit there.
"""

from __future__ import annotations

import argparse
import enum
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from . import checked_model, fetch, ir, read_spec
from .errors import json_pointer

class Severity(enum.Enum):
    BREAKING = "breaking"
    COMPATIBLE = "compatible"
    PATCH = "patch"


_BUMPS = {Severity.BREAKING: "major", Severity.COMPATIBLE: "minor", Severity.PATCH: "patch"}


@dataclass(frozen=True)
class Change:
    severity: Severity
    rule: str  # what kind of change, e.g. "field-removed"
    message: str
    operation: str | None = None  # operationId
    model: str | None = None  # model name, as the SDKs spell it
    member: str | None = None  # "field name", "parameter limit (query)", "response 404", "value 'sold'"
    pointer: str = ""  # JSON pointer into the spec that has it (in its OpenAPI 3 form): the old one if removed

    @property
    def where(self) -> str:
        subject = f"operation {self.operation}" if self.operation else f"model {self.model}" if self.model else "api"
        return subject + (f", {self.member}" if self.member else "")

    def as_json(self) -> dict:
        return {**asdict(self), "severity": self.severity.value, "where": self.where}


@dataclass(frozen=True)
class Report:
    old: str
    new: str
    changes: tuple[Change, ...]

    def count(self, severity: Severity) -> int:
        return sum(change.severity is severity for change in self.changes)

    @property
    def breaking(self) -> bool:
        return self.count(Severity.BREAKING) > 0

    @property
    def bump(self) -> str:
        """major for any breaking change, minor for additions, patch for anything else (nothing included)."""
        return next((_BUMPS[s] for s in (Severity.BREAKING, Severity.COMPATIBLE) if self.count(s)), "patch")

    def as_json(self) -> dict:
        return {"old": self.old, "new": self.new, "bump": self.bump,
                "counts": {s.value: self.count(s) for s in Severity},
                "changes": [change.as_json() for change in self.changes]}

    def text(self) -> str:
        counts = ", ".join(f"{self.count(s)} {s.value}" for s in Severity) if self.changes else \
            "no change for the SDKs' users"
        lines = [f"{self.old} -> {self.new}: {counts}; semantic version bump: {self.bump}"]
        for severity in Severity:
            chosen = [c for c in self.changes if c.severity is severity]
            if chosen:
                lines.append(f"{severity.value}:")
                lines += [f"  {c.where}: {c.message}" + (f"  [{c.pointer}]" if c.pointer else "") for c in chosen]
        return "\n".join(lines)


# ---- reading ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Built:
    """A spec's model, and where in the (OpenAPI 3 form of the) document each model was defined."""

    api: ir.ApiSpec
    places: dict[str, str]  # model name -> JSON pointer
    notices: tuple[str, ...] = ()  # what reading it said (a 304 answered from the cache)

    def model_pointer(self, name: str, *member: str) -> str:
        place = self.places.get(name, "")
        return place + "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in member) if place \
            else ""


def read(spec: str, settings: fetch.Settings) -> Built:
    """A spec as generate reads it (validated, external references in, Swagger 2.0 upgraded), built."""
    source, document = read_spec(spec, settings)
    api, builder = checked_model(source, document, [])
    places: dict[str, str] = {}
    for path, named in builder.inline_models.items():
        places.setdefault(named.name, json_pointer(path))
    return Built(api, places, tuple(source.notices))


# ---- comparing ---------------------------------------------------------------------------------------------------
class Direction(enum.Enum):
    REQUEST = "request"  # written by the SDK's user
    RESPONSE = "response"  # read by the SDK's user


def _shown(t: ir.TypeRef | None) -> str:
    if t is None:
        return "no body"
    if isinstance(t, ir.Prim):
        return t.kind.value
    if isinstance(t, ir.Array):
        return f"array of {_shown(t.item)}"
    if isinstance(t, ir.Map):
        return f"map of {_shown(t.value)}"
    return t.name


def _reached(api: ir.ApiSpec, roots: Iterable[ir.TypeRef | None]) -> set[str]:
    """The models a value of one of these types can contain."""
    models = {model.name: model for model in api.models}
    seen: set[str] = set()
    stack = [t for t in roots if t is not None]
    while stack:
        t = stack.pop()
        if isinstance(t, ir.Array):
            stack.append(t.item)
        elif isinstance(t, ir.Map):
            stack.append(t.value)
        elif isinstance(t, ir.Named) and t.name not in seen and t.name in models:
            seen.add(t.name)
            model = models[t.name]
            if isinstance(model, ir.ObjectModel):
                stack += [f.type for f in model.fields] + ([model.additional] if model.additional else [])
            elif isinstance(model, ir.UnionModel):
                stack += [v.type for v in model.variants]
    return seen


def _directions(*apis: ir.ApiSpec) -> dict[str, set[Direction]]:
    uses: dict[str, set[Direction]] = {}
    for api in apis:
        requests = [p.type for op in api.operations for p in op.parameters] + [
            op.body.type for op in api.operations if op.body]
        responses = [r.type for op in api.operations for r in op.responses]
        for direction, roots in ((Direction.REQUEST, requests), (Direction.RESPONSE, responses)):
            for name in _reached(api, roots):
                uses.setdefault(name, set()).add(direction)
    return uses


@dataclass
class _Diff:
    old: Built
    new: Built
    changes: list[Change] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.uses = _directions(self.old.api, self.new.api)

    def add(self, severity: Severity, rule: str, message: str, **where: str | None) -> None:
        self.changes.append(Change(severity, rule, message, **where))  # type: ignore[arg-type]

    def directions(self, model: str) -> set[Direction]:
        return self.uses.get(model) or {Direction.REQUEST, Direction.RESPONSE}

    def run(self) -> list[Change]:
        self.info()
        self.operations()
        self.models()
        order = list(Severity)
        return sorted(self.changes, key=lambda c: order.index(c.severity))

    # ---- the api ---------------------------------------------------------------------------------------
    def info(self) -> None:
        old, new = self.old.api, self.new.api
        for what, before, after in (("title", old.title, new.title), ("version", old.version, new.version),
                                    ("default base URL", old.base_url, new.base_url)):
            if before != after:
                self.add(Severity.PATCH, "info-changed", f"{what}: {before!r} -> {after!r}", pointer="#/info")
        if old.description != new.description:
            self.add(Severity.PATCH, "description-changed", "description changed", pointer="#/info")

    # ---- operations ------------------------------------------------------------------------------------
    def operations(self) -> None:
        old = {op.operation_id: op for op in self.old.api.operations}
        new = {op.operation_id: op for op in self.new.api.operations}
        added = [op for key, op in new.items() if key not in old]
        for key, op in old.items():
            if key in new:
                self.operation(op, new[key])
                continue
            same_place = next((o for o in added if (o.method, o.path) == (op.method, op.path)), None)
            if same_place is not None:
                added.remove(same_place)
                self.add(Severity.BREAKING, "operation-renamed", f"renamed to {same_place.operation_id} "
                         f"({op.method} {op.path})", operation=key, pointer=_op_pointer(same_place))
                self.operation(op, same_place)
            else:
                self.add(Severity.BREAKING, "operation-removed", f"removed ({op.method} {op.path})", operation=key,
                         pointer=_op_pointer(op))
        for op in added:
            self.add(Severity.COMPATIBLE, "operation-added", f"added ({op.method} {op.path})",
                     operation=op.operation_id, pointer=_op_pointer(op))

    def operation(self, old: ir.Operation, new: ir.Operation) -> None:
        at = {"operation": new.operation_id, "pointer": _op_pointer(new)}
        if (old.method, old.path) != (new.method, new.path):
            self.add(Severity.BREAKING, "operation-moved", f"{old.method} {old.path} -> {new.method} {new.path}", **at)
        if old.operation_id == new.operation_id and old.words != new.words:
            self.add(Severity.BREAKING, "method-renamed", f"its SDK method is named from {' '.join(old.words)!r} "
                     f"now {' '.join(new.words)!r}", **at)
        if old.tags[:1] != new.tags[:1]:
            self.add(Severity.BREAKING, "group-changed", f"moved from the group of tag {_first(old.tags)} to "
                     f"{_first(new.tags)} (client.<group>.<method>)", **at)
        if not old.deprecated and new.deprecated:
            self.add(Severity.COMPATIBLE, "operation-deprecated", "deprecated", **at)
        if (old.summary, old.description) != (new.summary, new.description):
            self.add(Severity.PATCH, "description-changed", "summary or description changed", **at)
        self.security(old, new, at)
        self.parameters(old, new, at)
        self.body(old, new, at)
        self.responses(old, new, at)
        self.returns(old, new, at)

    def security(self, old: ir.Operation, new: ir.Operation, at: dict) -> None:
        before, after = old.credential, new.credential
        if before is None and after is not None:
            self.add(Severity.BREAKING, "security-added", f"now needs a credential ({after.name})", **at)
        elif before is not None and after is None:
            self.add(Severity.COMPATIBLE, "security-removed", "no longer needs a credential", **at)
        elif before and after and (before.kind, before.location, before.param_name) != (
                after.kind, after.location, after.param_name):
            self.add(Severity.BREAKING, "security-changed", f"its credential changed from {before.name} "
                     f"({before.kind.value} in {before.location.value} {before.param_name}) to {after.name} "
                     f"({after.kind.value} in {after.location.value} {after.param_name})", **at)

    def parameters(self, old: ir.Operation, new: ir.Operation, at: dict) -> None:
        before = {(p.wire, p.location): p for p in old.parameters}
        after = {(p.wire, p.location): p for p in new.parameters}
        added = [q for key, q in after.items() if key not in before]
        for key, p in before.items():
            member = f"parameter {p.wire} ({p.location.value})"
            q = after.get(key) or next((q for q in added if q.wire == p.wire), None)  # the same name elsewhere
            if q is None:
                self.add(Severity.BREAKING, "parameter-removed", "removed", member=member, **at)
                continue
            if q.location is not p.location:
                added.remove(q)
                self.add(Severity.BREAKING, "parameter-moved", f"moved from the {p.location.value} to the "
                         f"{q.location.value}", member=member, **at)
            self.parameter(p, q, member, at)
        for q in added:
            member = f"parameter {q.wire} ({q.location.value})"
            if q.required:
                self.add(Severity.BREAKING, "parameter-added-required", "added as required", member=member, **at)
            else:
                self.add(Severity.COMPATIBLE, "parameter-added", "added as optional", member=member, **at)
        required = {(q.wire, q.location) for q in new.parameters if q.required}
        kept = [p.wire for p in old.parameters if p.required and (p.wire, p.location) in required]
        now = [q.wire for q in new.parameters if q.wire in kept]  # required before and after: the calls' order
        if kept != now:
            self.add(Severity.BREAKING, "parameters-reordered", f"required parameters (positional arguments) "
                     f"reordered: {', '.join(kept)} -> {', '.join(now)}", **at)

    def parameter(self, p: ir.Parameter, q: ir.Parameter, member: str, at: dict) -> None:
        if p.type != q.type:
            self.add(Severity.BREAKING, "parameter-type-changed", f"type {_shown(p.type)} -> {_shown(q.type)}",
                     member=member, **at)
        if not p.required and q.required:
            self.add(Severity.BREAKING, "parameter-required", "optional -> required", member=member, **at)
        elif p.required and not q.required:
            self.add(Severity.BREAKING, "parameter-optional", "required -> optional (it moves from the positional "
                     "arguments to the named ones)", member=member, **at)
        if p.words != q.words:
            self.add(Severity.BREAKING, "parameter-renamed", f"its SDK argument is named from "
                     f"{' '.join(p.words)!r} now {' '.join(q.words)!r}", member=member, **at)
        if (p.style, p.explode) != (q.style, q.explode):
            self.add(Severity.BREAKING, "parameter-encoding-changed", f"encoded as {p.style}"
                     f"{' exploded' if p.explode else ''} -> {q.style}{' exploded' if q.explode else ''}",
                     member=member, **at)
        if p.description != q.description:
            self.add(Severity.PATCH, "description-changed", "description changed", member=member, **at)

    def body(self, old: ir.Operation, new: ir.Operation, at: dict) -> None:
        before, after, member = old.body, new.body, "request body"
        if before is None and after is not None:
            severity = Severity.BREAKING if after.required else Severity.COMPATIBLE
            self.add(severity, "body-added-required" if after.required else "body-added",
                     f"added ({_shown(after.type)}, {'required' if after.required else 'optional'})", member=member,
                     **at)
        elif before is not None and after is None:
            self.add(Severity.BREAKING, "body-removed", "removed", member=member, **at)
        elif before is not None and after is not None:
            if (before.type, before.kind, before.media_type) != (after.type, after.kind, after.media_type):
                self.add(Severity.BREAKING, "body-type-changed", f"{_shown(before.type)} as {before.media_type} -> "
                         f"{_shown(after.type)} as {after.media_type}", member=member, **at)
            if before.required != after.required:
                self.add(Severity.BREAKING, "body-required" if after.required else "body-optional",
                         f"{'optional -> required' if after.required else 'required -> optional'}", member=member,
                         **at)
            if before.description != after.description:
                self.add(Severity.PATCH, "description-changed", "description changed", member=member, **at)

    def responses(self, old: ir.Operation, new: ir.Operation, at: dict) -> None:
        before = {r.status: r for r in old.responses}
        after = {r.status: r for r in new.responses}
        for status, r in before.items():
            member = f"response {status}"
            s = after.get(status)
            if s is None:
                if r.is_success or r.type is not None:
                    kind = "a success response" if r.is_success else "its typed error is no longer read"
                    self.add(Severity.BREAKING, "response-removed", f"removed ({kind})", member=member, **at)
                else:
                    self.add(Severity.PATCH, "response-removed", "removed (it had no body)", member=member, **at)
                continue
            if (r.type, r.kind, r.media_type, r.stream) != (s.type, s.kind, s.media_type, s.stream):
                self.add(Severity.BREAKING, "response-type-changed", f"{_body(r)} -> {_body(s)}", member=member,
                         **at)
            if r.description != s.description:
                self.add(Severity.PATCH, "description-changed", "description changed", member=member, **at)
        for status, s in after.items():
            if status not in before:
                self.add(Severity.COMPATIBLE, "response-added", f"added ({_body(s)})", member=f"response {status}",
                         **at)

    def returns(self, old: ir.Operation, new: ir.Operation, at: dict) -> None:
        """How the method returns: a value that may be absent, pages, a poller (the type is compared above)."""
        if not old.may_be_empty and new.may_be_empty:
            self.add(Severity.BREAKING, "result-may-be-empty", "may now return no value (a success response "
                     "without a body was added)", **at)
        if (old.paging is None) != (new.paging is None) or (old.paging and new.paging and old.paging.style !=
                                                            new.paging.style):
            self.add(Severity.BREAKING, "paging-changed", f"paging {_style(old.paging)} -> {_style(new.paging)}",
                     **at)
        if (old.long_running is None) != (new.long_running is None):
            self.add(Severity.BREAKING, "long-running-changed", "now returns a poller" if new.long_running else
                     "no longer returns a poller", **at)

    # ---- models ----------------------------------------------------------------------------------------
    def models(self) -> None:
        old = {m.name: m for m in self.old.api.models}
        new = {m.name: m for m in self.new.api.models}
        for name, model in old.items():
            if name not in new:
                self.add(Severity.BREAKING, "model-removed", "removed", model=name,
                         pointer=self.old.model_pointer(name))
            elif type(model) is not type(new[name]):
                self.add(Severity.BREAKING, "model-kind-changed", f"{_kind(model)} -> {_kind(new[name])}",
                         model=name, pointer=self.new.model_pointer(name))
            else:
                if model.description != new[name].description:
                    self.add(Severity.PATCH, "description-changed", "description changed", model=name,
                             pointer=self.new.model_pointer(name))
                compare: dict[type, Callable[[Any, Any], None]] = {
                    ir.ObjectModel: self.object, ir.EnumModel: self.enum, ir.UnionModel: self.union}
                compare[type(model)](model, new[name])
        for name in new:
            if name not in old:
                self.add(Severity.COMPATIBLE, "model-added", "added", model=name, pointer=self.new.model_pointer(name))

    def object(self, old: ir.ObjectModel, new: ir.ObjectModel) -> None:
        directions = self.directions(old.name)
        request, response = Direction.REQUEST in directions, Direction.RESPONSE in directions
        after = {f.wire: f for f in new.fields}
        for f in old.fields:
            at = {"model": old.name, "member": f"field {f.wire}"}
            g = after.get(f.wire)
            if g is None:
                self.add(Severity.BREAKING, "field-removed", "removed", pointer=self.old.model_pointer(
                    old.name, "properties", f.wire), **at)
                continue
            self.field(f, g, request and not (f.read_only and g.read_only),
                       response and not (f.write_only and g.write_only),
                       {**at, "pointer": self.new.model_pointer(new.name, "properties", g.wire)})
        before = {f.wire for f in old.fields}
        for g in new.fields:
            if g.wire in before:
                continue
            at = {"model": new.name, "member": f"field {g.wire}",
                  "pointer": self.new.model_pointer(new.name, "properties", g.wire)}
            if g.required and request:
                self.add(Severity.BREAKING, "field-added-required", "added as required in a request model", **at)
            else:
                self.add(Severity.COMPATIBLE, "field-added", f"added ({'required' if g.required else 'optional'})",
                         **at)
        if old.additional != new.additional:
            at = {"model": old.name, "member": "additional properties", "pointer": self.new.model_pointer(new.name)}
            if old.additional is None:
                self.add(Severity.COMPATIBLE, "additional-added", f"now keeps extra fields "
                         f"({_shown(new.additional)})", **at)
            else:
                self.add(Severity.BREAKING, "additional-changed", f"{_shown(old.additional)} -> "
                         f"{_shown(new.additional) if new.additional else 'no extra fields'}", **at)

    def field(self, f: ir.Field, g: ir.Field, request: bool, response: bool, at: dict) -> None:
        """One field in both versions; `request`/`response`: whether the user writes it, reads it."""
        def rule(breaks: bool, name: str, message: str) -> None:
            self.add(Severity.BREAKING if breaks else Severity.COMPATIBLE, name, message, **at)

        if f.type != g.type:
            self.add(Severity.BREAKING, "field-type-changed", f"type {_shown(f.type)} -> {_shown(g.type)}", **at)
        if f.words != g.words:
            self.add(Severity.BREAKING, "field-renamed", f"its SDK name is made from {' '.join(f.words)!r} now "
                     f"{' '.join(g.words)!r}", **at)
        if not f.required and g.required:
            rule(request, "field-required", "optional -> required" + (" in a request" if request else ""))
        elif f.required and not g.required:
            rule(response, "field-optional", "required -> optional" + (" in a response" if response else ""))
        if not f.nullable and g.nullable:
            rule(response, "field-nullable", "may now be null" + (" in a response" if response else ""))
        elif f.nullable and not g.nullable:
            rule(request, "field-not-nullable", "no longer nullable" + (" in a request" if request else ""))
        if not f.read_only and g.read_only:
            rule(request, "field-read-only", "now read-only (no longer sent)")
        if not f.write_only and g.write_only:
            rule(response, "field-write-only", "now write-only (no longer received)")
        if repr(f.default) != repr(g.default):
            self.add(Severity.PATCH, "default-changed", f"default {f.default!r} -> {g.default!r}", **at)
        if f.description != g.description:
            self.add(Severity.PATCH, "description-changed", "description changed", **at)

    def enum(self, old: ir.EnumModel, new: ir.EnumModel) -> None:
        at = {"model": old.name, "pointer": self.new.model_pointer(new.name)}
        if old.base is not new.base:
            self.add(Severity.BREAKING, "enum-type-changed", f"{old.base.value} -> {new.base.value}", **at)
        after = {v.value: v for v in new.values}
        for v in old.values:
            if v.value not in after:
                self.add(Severity.BREAKING, "enum-value-removed", "removed", member=f"value {v.value!r}", **at)
            elif after[v.value].words != v.words:
                self.add(Severity.BREAKING, "enum-value-renamed", f"its SDK constant is made from "
                         f"{' '.join(v.words)!r} now {' '.join(after[v.value].words)!r}",
                         member=f"value {v.value!r}", **at)
        before = {v.value for v in old.values}
        for v in new.values:
            if v.value not in before:
                self.add(Severity.COMPATIBLE, "enum-value-added", "added", member=f"value {v.value!r}", **at)

    def union(self, old: ir.UnionModel, new: ir.UnionModel) -> None:
        at = {"model": old.name, "pointer": self.new.model_pointer(new.name)}
        after = {v.type: v for v in new.variants}
        for v in old.variants:
            member = f"variant {_shown(v.type)}"
            if v.type not in after:
                self.add(Severity.BREAKING, "variant-removed", "removed", member=member, **at)
            elif after[v.type].words != v.words:
                self.add(Severity.BREAKING, "variant-renamed", f"its accessors are named from {' '.join(v.words)!r}"
                         f" now {' '.join(after[v.type].words)!r}", member=member, **at)
        before = {v.type for v in old.variants}
        for v in new.variants:
            if v.type not in before:
                self.add(Severity.COMPATIBLE, "variant-added", "added", member=f"variant {_shown(v.type)}", **at)
        if old.discriminator != new.discriminator:
            self.add(Severity.BREAKING, "discriminator-changed", f"discriminator {old.discriminator!r} -> "
                     f"{new.discriminator!r}", **at)
        was = {value: _shown(old.variants[i].type) for value, i in old.mapping}  # discriminator value -> variant
        now = {value: _shown(new.variants[i].type) for value, i in new.mapping}
        for value in was:
            if now.get(value) != was[value]:
                self.add(Severity.BREAKING, "mapping-changed", f"{value!r} named {was[value]}, now "
                         f"{now.get(value, 'nothing')}", member="discriminator", **at)
        for value in now:
            if value not in was:
                self.add(Severity.COMPATIBLE, "mapping-added", f"{value!r} names {now[value]}", member="discriminator",
                         **at)


def _op_pointer(op: ir.Operation) -> str:
    return json_pointer(("paths", op.path, op.method.lower()))


def _first(tags: tuple[str, ...]) -> str:
    return repr(tags[0]) if tags else "(none)"


def _body(r: ir.Response) -> str:
    if r.type is None:
        return "no body"
    stream = f"a {r.stream.value} stream of " if r.stream else ""
    return f"{stream}{_shown(r.type)} as {r.media_type}"


def _style(paging: ir.Paging | None) -> str:
    return paging.style.value if paging else "none"


def _kind(model: ir.Model) -> str:
    return {ir.ObjectModel: "object", ir.EnumModel: "enum", ir.UnionModel: "union"}[type(model)]


def _named(spec: str) -> str:
    return fetch.display_url(spec) if spec.startswith(("http://", "https://")) else spec


def compare(old: Built, new: Built, old_name: str = "old", new_name: str = "new") -> Report:
    return Report(old_name, new_name, tuple(_Diff(old, new).run()))


def run(args: argparse.Namespace, say: Callable[[str], None]) -> int:
    """Print the report of `clientgen diff` on stdout; the exit code. Errors are raised as ClientgenErrors."""
    settings = fetch.Settings(tuple(args.headers + args.env_headers), args.timeout or fetch.Settings.timeout,
                              args.ca_bundle, args.max_spec_size or fetch.DEFAULT_MAX_BYTES,
                              tuple(args.allow_refs or ()))
    old, new = read(args.old, settings), read(args.new, settings)
    for notice in old.notices + new.notices:
        say(f"clientgen: {notice}")
    report = compare(old, new, _named(args.old), _named(args.new))
    print(json.dumps(report.as_json(), indent=2) if args.json else report.text())
    if args.fail_on_breaking and report.breaking:
        say(f"clientgen: {report.count(Severity.BREAKING)} breaking change(s)")
        return 1
    return 0
