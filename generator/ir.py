"""The language-neutral model of an API: what every language target reads.

Frozen dataclasses, tuples and enums only. Names are stored twice: as the spec spells them on the wire
(`wire`) and as words (`words`), split and made unique once by `build.py`; a target only joins words in its
own case and escapes its own keywords. Nothing here is a string of any target language.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass
from typing import Union


class PrimKind(enum.Enum):
    STRING = "string"
    INT32 = "int32"
    INT64 = "int64"
    FLOAT = "float"
    DOUBLE = "double"
    BOOL = "bool"
    DATE = "date"
    DATETIME = "datetime"
    UUID = "uuid"
    BYTES = "bytes"  # format: byte, base64 text on the wire
    BINARY = "binary"  # raw octets, only as a whole body
    ANY = "any"  # free-form JSON value


@dataclass(frozen=True)
class Prim:
    kind: PrimKind


@dataclass(frozen=True)
class Array:
    item: TypeRef


@dataclass(frozen=True)
class Map:
    value: TypeRef


@dataclass(frozen=True)
class Named:
    """A reference to a model of ApiSpec.models, by its unique name."""

    name: str


TypeRef = Union[Prim, Array, Map, Named]

Words = tuple[str, ...]


@dataclass(frozen=True)
class Field:
    wire: str
    words: Words
    type: TypeRef
    required: bool
    nullable: bool
    default: object  # a JSON value from the spec, or NO_DEFAULT
    description: str
    read_only: bool = False
    write_only: bool = False


class _NoDefault:
    def __repr__(self) -> str:
        return "NO_DEFAULT"


NO_DEFAULT = _NoDefault()


@dataclass(frozen=True)
class ObjectModel:
    name: str  # unique model name (the key in ApiSpec.models)
    words: Words
    fields: tuple[Field, ...]
    description: str
    additional: TypeRef | None = None  # additionalProperties' value type, when extra fields are kept


@dataclass(frozen=True)
class EnumModel:
    name: str
    words: Words
    base: PrimKind  # STRING, INT32 or INT64
    values: tuple[EnumValue, ...]
    description: str


@dataclass(frozen=True)
class EnumValue:
    value: str | int
    words: Words  # unique within the enum


@dataclass(frozen=True)
class UnionVariant:
    words: Words  # unique within the union; names the variant's accessors (as_cat, from_cat)
    type: TypeRef


@dataclass(frozen=True)
class UnionModel:
    """A oneOf/anyOf value. Targets keep the raw JSON value (nothing is lost when no variant fits, or the
    service is newer) and offer each variant typed: made from it, and read as it."""

    name: str
    words: Words
    variants: tuple[UnionVariant, ...]
    discriminator: str | None  # wire name of the property whose value names the variant
    mapping: tuple[tuple[str, int], ...]  # discriminator value -> index into variants
    description: str


Model = Union[ObjectModel, EnumModel, UnionModel]


class ParamLocation(enum.Enum):
    PATH = "path"
    QUERY = "query"
    HEADER = "header"
    COOKIE = "cookie"


@dataclass(frozen=True)
class Parameter:
    wire: str
    words: Words  # unique within the operation, body and reserved names included
    location: ParamLocation
    type: TypeRef
    required: bool
    style: str  # form, simple, label, matrix, spaceDelimited, pipeDelimited, deepObject
    explode: bool
    description: str


class BodyKind(enum.Enum):
    JSON = "json"
    BINARY = "binary"
    TEXT = "text"
    FORM = "form"  # application/x-www-form-urlencoded
    MULTIPART = "multipart"  # multipart/form-data: one part per top-level field; binary fields as files


@dataclass(frozen=True)
class RequestBody:
    media_type: str
    kind: BodyKind
    type: TypeRef
    required: bool
    description: str


class StreamKind(enum.Enum):
    """A body that arrives as a sequence of values, each decoded as it comes (never read whole first)."""

    SSE = "sse"  # text/event-stream: events whose `data` is a value
    JSON_LINES = "json-lines"  # application/x-ndjson, application/jsonl: one JSON value per line


@dataclass(frozen=True)
class Response:
    status: str  # "200", "4XX", "default"
    description: str
    media_type: str | None
    kind: BodyKind | None  # None: no body
    type: TypeRef | None  # with `stream`: the type of each item (an event's data, a line)
    media_types: tuple[str, ...] = ()  # every media type the spec declares for it, in its order
    stream: StreamKind | None = None  # the body is a stream of values of `type`

    @property
    def is_success(self) -> bool:
        return self.status.startswith("2")


class SecurityKind(enum.Enum):
    API_KEY = "apiKey"
    HTTP_BEARER = "bearer"
    HTTP_BASIC = "basic"
    OAUTH2 = "oauth2"
    OPENID_CONNECT = "openIdConnect"


@dataclass(frozen=True)
class SecurityScheme:
    name: str
    kind: SecurityKind
    param_name: str  # header/query/cookie name for apiKey; "Authorization" otherwise
    location: ParamLocation
    description: str

    @property
    def form(self) -> str:
        """How the credential is written: `key` (as given; an apiKey named Authorization gets `Bearer ` unless the
        value names its scheme), `basic` (`Basic <base64(user:password)>`) or `bearer` (`Bearer <token>`)."""
        return {SecurityKind.API_KEY: "key", SecurityKind.HTTP_BASIC: "basic"}.get(self.kind, "bearer")

    @property
    def prefix(self) -> str:
        """What goes before the credential in its header: 'Bearer ' for tokens, nothing for a named API key."""
        if self.kind is SecurityKind.HTTP_BASIC:
            return "Basic "
        if self.kind is SecurityKind.API_KEY and self.param_name.lower() != "authorization":
            return ""
        return "Bearer "


BEARER = SecurityScheme("Bearer", SecurityKind.HTTP_BEARER, "Authorization", ParamLocation.HEADER, "")


class PageStyle(enum.Enum):
    NEXT_LINK = "next-link"  # a field of each page holds the next page's URL (x-ms-pageable's nextLinkName)
    LINK_HEADER = "link-header"  # the answer's RFC 8288 `Link: <URL>; rel="next"` header names the next page
    CURSOR = "cursor"  # a field of each page holds the value of the query parameter that asks for the next
    OFFSET = "offset"  # the query parameter counts items: the next page starts after those received so far


@dataclass(frozen=True)
class Paging:
    """How an operation's answer continues on further pages. A pager asks for the next page only when the
    caller has used the previous one, and stops at a page with no next link / cursor (OFFSET: no items)."""

    style: PageStyle
    item: TypeRef  # the type of one item
    items: str | None  # wire name of the page's field holding the items; None: the page is the array
    next: str | None  # NEXT_LINK: the field holding the next page's URL (None: one page); CURSOR: the next cursor
    param: str | None  # CURSOR, OFFSET: wire name of the query parameter that asks for a page


class FinalState(enum.Enum):
    """Where a long-running operation's result is read once its status monitor says it succeeded."""

    LOCATION = "location"  # GET the first answer's Location (when it had one; else the last poll's body)
    ORIGINAL_URI = "original-uri"  # GET the operation's own URL again
    AZURE_ASYNC_OPERATION = "azure-async-operation"  # the status monitor's last body
    OPERATION_LOCATION = "operation-location"  # the status monitor's last body


@dataclass(frozen=True)
class LongRunning:
    """An operation whose first answer (201/202 with Operation-Location, Azure-AsyncOperation or Location)
    starts work the client polls to its end; its method returns a poller instead of the first answer."""

    final_state: FinalState
    result: TypeRef | None  # the final value's type; None: the operation gives no value


@dataclass(frozen=True)
class Operation:
    operation_id: str  # the spec's operationId, or one made from method and path
    words: Words  # unique within the API
    method: str  # upper case
    path: str
    summary: str
    description: str
    tags: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    body: RequestBody | None
    responses: tuple[Response, ...]
    security: tuple[str, ...]  # names of security schemes that may authorize it; empty: none
    deprecated: bool
    credential: SecurityScheme | None = None  # where the client's credential goes for it; None: not sent
    paging: Paging | None = None  # its answers continue on further pages
    long_running: LongRunning | None = None  # its first answer starts work that is polled to its end

    @property
    def stream(self) -> StreamKind | None:
        """How its success body streams (then `success.type` is each item's type); None: read whole."""
        success = self.success
        return success.stream if success is not None else None

    @property
    def accept(self) -> str:
        """The Accept header: every media type its responses declare, in the spec's order, each once; */* when
        it declares none."""
        types = dict.fromkeys(t for r in self.responses for t in r.media_types)
        return ", ".join(types) or "*/*"

    @property
    def may_be_empty(self) -> bool:
        """Whether a 2xx answer without content is allowed beside the one whose value the operation returns (a
        204 beside a 200): then the return type says the value may be absent. Never for an operation whose method
        does not return its answer's value (a poller's, a pager's or a stream's: a 202 that starts work says
        nothing about the result)."""
        success = self.success
        if self.long_running is not None or self.paging is not None or self.stream is not None:
            return False
        return success is not None and success.type is not None and any(
            r.is_success and r.type is None for r in self.responses)

    @property
    def success(self) -> Response | None:
        """The response whose value the operation returns: the first 2xx with a body, else the first 2xx."""
        successes = [r for r in self.responses if r.is_success]
        with_body = [r for r in successes if r.type is not None]
        return (with_body or successes or [None])[0]

    @property
    def errors(self) -> tuple[Response, ...]:
        return tuple(r for r in self.responses if not r.is_success and r.type is not None)


@dataclass(frozen=True)
class OperationGroup:
    """The operations of one tag (each operation in the group of its first tag), for SDKs that also offer
    them per tag (`client.pets.list_pets()`) beside the flat methods."""

    tag: str
    words: Words  # unique among the groups
    description: str
    operations: tuple[Words, ...]  # each operation's (unique) words, in document order


@dataclass(frozen=True)
class ApiSpec:
    title: str
    version: str
    description: str
    base_url: str | None  # from the spec's servers, else where it was fetched from; None: the caller's
    operations: tuple[Operation, ...]
    models: tuple[Model, ...]
    security: tuple[SecurityScheme, ...]
    groups: tuple[OperationGroup, ...] = ()

    @property
    def credential_scheme(self) -> SecurityScheme:
        """Where a client puts its credential on a request the spec does not describe (the raw send): the
        spec's first scheme, else `Authorization: Bearer`."""
        return self.security[0] if self.security else BEARER

    def variant_tag(self, model: str, wire: str) -> str | None:
        """The discriminator value that names a model, where the model is a variant of discriminated unions
        whose property `wire` is that discriminator and exactly one value names it (Cat's petType: "cat"); a
        target makes it the field's initial value, so a Cat built without one is a cat."""
        values = self._variant_tags.get((model, wire), set())
        return next(iter(values)) if len(values) == 1 else None

    @functools.cached_property
    def _variant_tags(self) -> dict[tuple[str, str], set[str]]:
        """(model, discriminator wire name) -> the values that name the model in the unions it is a variant of."""
        tags: dict[tuple[str, str], set[str]] = {}
        for union in self.models:
            if isinstance(union, UnionModel) and union.discriminator:
                for value, index in union.mapping:
                    variant = union.variants[index].type
                    if isinstance(variant, Named):
                        tags.setdefault((variant.name, union.discriminator), set()).add(value)
        return tags

    def group_operations(self, group: OperationGroup) -> tuple[Operation, ...]:
        by_words = {op.words: op for op in self.operations}
        return tuple(by_words[words] for words in group.operations)

    def model(self, name: str) -> Model:
        for model in self.models:
            if model.name == name:
                return model
        raise KeyError(name)
