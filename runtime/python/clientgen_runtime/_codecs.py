"""JSON values <-> Python values: the codecs of every type, the base classes of the generated models and unions,
and the rule of what fits a type's schema. Part of the SDK's runtime, copied by clientgen; do not edit.
"""

from __future__ import annotations

import base64
import datetime as _dt
import enum
import json
import re
import typing as _t
import uuid as _uuid
from dataclasses import dataclass


class Unset(enum.Enum):
    """The value of an optional, nullable field that was not set: omitted on the wire (None sends null)."""

    UNSET = "UNSET"

    def __repr__(self) -> str:
        return "UNSET"


UNSET: _t.Final = Unset.UNSET


# ---- codecs: Python values <-> JSON values -------------------------------------------------------------------
class Codec(_t.Protocol):
    def encode(self, value: _t.Any) -> _t.Any: ...

    def decode(self, data: _t.Any) -> _t.Any: ...


def _expect(data: _t.Any, kinds: type | tuple[type, ...], what: str) -> _t.Any:
    if isinstance(data, bool) and bool not in (
        kinds if isinstance(kinds, tuple) else (kinds,)
    ):
        raise TypeError(f"expected {what}, got a boolean")
    if not isinstance(data, kinds):
        raise TypeError(f"expected {what}, got {type(data).__name__}")
    return data


def _decode_int(data: _t.Any) -> int:
    if isinstance(data, str) and re.fullmatch(r"-?[0-9]+", data):
        return int(data)  # int64 values sent as strings keep their precision
    return int(_expect(data, int, "an integer"))


_RFC3339 = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?(?:([Zz])|([+-])([0-9]{2}):?([0-9]{2}))?"
)


def _decode_datetime(data: _t.Any) -> _dt.datetime:
    """RFC 3339 on every Python the SDK supports: any number of fraction digits (kept to microseconds), and Z or
    an offset, which RFC 3339 requires (a value without one is refused, as in every language of clientgen).
    """
    text = _expect(data, str, "a date-time string")
    match = _RFC3339.fullmatch(text.strip())
    if match is None or not (match.group(8) or match.group(9)):
        raise ValueError(f"{text!r} is not an RFC 3339 date-time (with Z or an offset)")
    (
        year,
        month,
        day,
        hour,
        minute,
        second,
        fraction,
        _,
        sign,
        off_hours,
        off_minutes,
    ) = match.groups()
    offset = _dt.timedelta(hours=int(off_hours or 0), minutes=int(off_minutes or 0))
    zone = (
        _dt.timezone(-offset if sign == "-" else offset) if sign else _dt.timezone.utc
    )  # sign or Z
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    return _dt.datetime(
        int(year),
        int(month),
        int(day),
        int(hour),
        int(minute),
        min(int(second), 59),
        micro,
        zone,
    )


def _encode_datetime(value: _dt.datetime) -> str:
    """RFC 3339; a datetime without a timezone is taken as UTC, as every language of clientgen does."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=_dt.timezone.utc)
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


@dataclass(frozen=True)
class _Prim:
    name: str
    encode: _t.Callable[[_t.Any], _t.Any]
    decode: _t.Callable[[_t.Any], _t.Any]


STRING = _Prim("string", str, lambda d: _expect(d, str, "a string"))
INT = _Prim("integer", int, _decode_int)
FLOAT = _Prim("number", float, lambda d: float(_expect(d, (int, float), "a number")))
BOOL = _Prim("boolean", bool, lambda d: _expect(d, bool, "a boolean"))
DATE = _Prim(
    "date",
    lambda v: v.isoformat(),
    lambda d: _dt.date.fromisoformat(_expect(d, str, "a date string")),
)
DATETIME = _Prim("date-time", _encode_datetime, _decode_datetime)
UUID = _Prim("uuid", str, lambda d: _uuid.UUID(_expect(d, str, "a uuid string")))
BYTES = _Prim(
    "base64",
    lambda v: base64.b64encode(v).decode("ascii"),
    lambda d: base64.b64decode(_expect(d, str, "base64 text")),
)
ANY = _Prim("any", lambda v: v, lambda d: d)


@dataclass(frozen=True)
class ArrayCodec:
    item: Codec

    def encode(self, value: _t.Any) -> _t.Any:
        return [None if v is None else self.item.encode(v) for v in value]

    def decode(self, data: _t.Any) -> _t.Any:
        return [
            None if d is None else self.item.decode(d)
            for d in _expect(data, list, "an array")
        ]


@dataclass(frozen=True)
class MapCodec:
    value: Codec

    def encode(self, value: _t.Any) -> _t.Any:
        return {
            str(k): None if v is None else self.value.encode(v)
            for k, v in value.items()
        }

    def decode(self, data: _t.Any) -> _t.Any:
        return {
            k: None if v is None else self.value.decode(v)
            for k, v in _expect(data, dict, "an object").items()
        }


class LazyCodec:
    """A codec made on first use, so that a module may name models without loading them: after the first
    call, encode and decode are the made codec's own (no indirection is left)."""

    def __init__(self, make: _t.Callable[[], Codec]) -> None:
        self._make = make
        self._codec: Codec | None = None

    def _made(self) -> Codec:
        if self._codec is None:
            self._codec = self._make()
            self.encode = self._codec.encode  # type: ignore[method-assign]
            self.decode = self._codec.decode  # type: ignore[method-assign]
        return self._codec

    def encode(self, value: _t.Any) -> _t.Any:
        return self._made().encode(value)

    def decode(self, data: _t.Any) -> _t.Any:
        return self._made().decode(data)


@dataclass(frozen=True)
class ModelCodec:
    model: type[Model]

    def encode(self, value: _t.Any) -> _t.Any:
        return value.to_dict()

    def decode(self, data: _t.Any) -> _t.Any:
        return self.model.from_dict(data)


@dataclass(frozen=True)
class EnumCodec:
    enum: type[enum.Enum]

    def encode(self, value: _t.Any) -> _t.Any:
        return value.value if isinstance(value, enum.Enum) else value

    def decode(self, data: _t.Any) -> _t.Any:
        return self.enum(data)


@dataclass(frozen=True)
class UnionCodec:
    union: type[UnionValue]

    def encode(self, value: _t.Any) -> _t.Any:
        return value.raw

    def decode(self, data: _t.Any) -> _t.Any:
        return self.union(data)


def fits(codec: Codec, data: _t.Any) -> bool:
    """Whether a JSON value fits a type's own schema: its JSON type, the required fields of an object and the
    types of the fields present, recursively through arrays, maps and nested unions."""
    if isinstance(codec, LazyCodec):
        codec = codec._made()
    if isinstance(codec, UnionCodec):
        return any(
            codec.union._fits(index, data)
            for index in range(len(codec.union.__clientgen_variants__))
        )
    if isinstance(codec, ArrayCodec):
        return isinstance(data, list) and all(
            d is None or fits(codec.item, d) for d in data
        )
    if isinstance(codec, MapCodec):
        return isinstance(data, dict) and all(
            d is None or fits(codec.value, d) for d in data.values()
        )
    if isinstance(codec, ModelCodec):
        if not isinstance(data, dict):
            return False
        for prop in codec.model.__clientgen_props__:
            if prop.wire not in data:
                if prop.required:
                    return False
            elif data[prop.wire] is None:
                if not prop.nullable:
                    return False
            elif not fits(prop.codec, data[prop.wire]):
                return False
        extra = codec.model.__clientgen_extra__
        known = {prop.wire for prop in codec.model.__clientgen_props__}
        return extra is None or all(
            v is None or fits(extra[1], v) for k, v in data.items() if k not in known
        )
    try:
        codec.decode(data)
    except (TypeError, ValueError, KeyError):
        return False
    return True


def unknown_member(cls: type[enum.Enum], value: object) -> _t.Any:
    """An enum member for a value the spec does not list (the service may be newer than the SDK)."""
    base = str if issubclass(cls, str) else int
    if not isinstance(value, base) or isinstance(value, bool):
        return None
    member = _t.cast(_t.Any, base).__new__(cls, value)
    member._name_ = "UNKNOWN"
    member._value_ = value
    return member


# ---- models ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Prop:
    """How one model attribute travels: its JSON name, codec, and whether it is required / nullable."""

    attr: str
    wire: str
    codec: Codec
    required: bool
    nullable: bool


M = _t.TypeVar("M", bound="Model")


class Model:
    """Base of the generated models: JSON (de)serialisation driven by each model's property table."""

    __clientgen_props__: _t.ClassVar[tuple[Prop, ...]] = ()
    __clientgen_extra__: _t.ClassVar[tuple[str, Codec] | None] = None

    def to_dict(self) -> dict[str, _t.Any]:
        """The JSON object for this model: unset optional fields are left out, null only for nullable ones."""
        out: dict[str, _t.Any] = {}
        extra = type(self).__clientgen_extra__
        if extra is not None:
            out.update(MapCodec(extra[1]).encode(getattr(self, extra[0])))
        for prop in type(self).__clientgen_props__:
            value = getattr(self, prop.attr)
            if (
                (value is UNSET or value is None)
                and prop.required
                and not prop.nullable
            ):
                raise ValueError(
                    f"{type(self).__name__}: required field {prop.wire!r} is not set"
                )
            if value is UNSET or (value is None and not prop.nullable):
                continue
            out[prop.wire] = (
                None if value is None else prop.codec.encode(value)
            )  # a named field beats an extra
        return out

    @classmethod
    def from_dict(cls: type[M], data: _t.Any) -> M:
        """A model from a JSON object; fields the spec does not name are ignored (or kept, with extra fields)."""
        data = _expect(data, dict, f"a {cls.__name__} object")
        values: dict[str, _t.Any] = {}
        for prop in cls.__clientgen_props__:
            if prop.wire in data:
                raw = data[prop.wire]
                values[prop.attr] = None if raw is None else prop.codec.decode(raw)
            elif prop.required:
                raise ValueError(
                    f"{cls.__name__}: required field {prop.wire!r} is missing"
                )
        extra = cls.__clientgen_extra__
        if extra is not None:
            known = {prop.wire for prop in cls.__clientgen_props__}
            values[extra[0]] = MapCodec(extra[1]).decode(
                {k: v for k, v in data.items() if k not in known}
            )
        return cls(**values)


def bind(
    model: type[Model], props: tuple[Prop, ...], extra: tuple[str, Codec] | None = None
) -> None:
    """Attach a model's property table once every model class exists (models may refer to each other)."""
    model.__clientgen_props__ = props
    model.__clientgen_extra__ = extra


class UnionValue:
    """Base of the generated oneOf/anyOf types: the raw JSON value, read as each variant on demand."""

    __clientgen_variants__: _t.ClassVar[tuple[Codec, ...]] = ()
    __clientgen_discriminator__: _t.ClassVar[str | None] = None
    __clientgen_mapping__: _t.ClassVar[dict[str, int]] = {}

    def __init__(self, raw: _t.Any) -> None:
        self.raw = raw

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, UnionValue)
            and type(other) is type(self)
            and other.raw == self.raw
        )

    def __hash__(self) -> int:
        return hash(json.dumps(self.raw, sort_keys=True, default=str))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.raw!r})"

    @classmethod
    def _encode(cls, index: int, value: _t.Any) -> _t.Any:
        """The JSON value of variant `index`: the discriminator written when unset, refused when it names
        another variant."""
        data = cls.__clientgen_variants__[index].encode(value)
        key = cls.__clientgen_discriminator__
        names = [name for name, i in cls.__clientgen_mapping__.items() if i == index]
        if key is not None and names and isinstance(data, dict):
            if data.get(key) is None:
                data = {key: names[0], **{k: v for k, v in data.items() if k != key}}
            elif data[key] not in names:
                raise ValueError(
                    f"{cls.__name__}: {key} {data[key]!r} names another variant than "
                    f"{' or '.join(map(repr, names))}"
                )
        return data

    @classmethod
    def _fits(cls, index: int, data: _t.Any) -> bool:
        """Whether `data` is variant `index`: where there is a discriminator, its value decides (a value naming
        no variant is none of them); and the value fits the variant's own schema."""
        key = cls.__clientgen_discriminator__
        if key is not None and cls.__clientgen_mapping__:
            if (
                not isinstance(data, dict)
                or cls.__clientgen_mapping__.get(str(data.get(key))) != index
            ):
                return False
        return fits(cls.__clientgen_variants__[index], data)

    def _decode(self, index: int) -> _t.Any:
        """The value as variant `index`, or None when it is not that variant."""
        if not type(self)._fits(index, self.raw):
            return None
        try:
            return type(self).__clientgen_variants__[index].decode(self.raw)
        except (TypeError, ValueError, KeyError):
            return None

    @property
    def value(self) -> _t.Any:
        """The decoded variant (the first that fits), for `match` and `isinstance`; the raw JSON value when none
        does."""
        for index in range(len(type(self).__clientgen_variants__)):
            if type(self)._fits(index, self.raw):
                return self._decode(index)
        return self.raw


def bind_union(
    union: type[UnionValue],
    variants: tuple[Codec, ...],
    discriminator: str | None,
    mapping: dict[str, int],
) -> None:
    union.__clientgen_variants__ = variants
    union.__clientgen_discriminator__ = discriminator
    union.__clientgen_mapping__ = mapping
