"""Reading YAML as plain JSON-like data: mappings, sequences, strings, numbers, booleans and nulls; any tag refused,
dates kept as strings, keys made strings as JSON has them, nesting and alias expansion bounded. Imported only when a
YAML document is read (or a place in a document is looked up by line), so a JSON spec never loads PyYAML."""

from __future__ import annotations

from typing import Any

import yaml

from .errors import SpecError


class _PlainLoader(yaml.SafeLoader):
    """YAML as plain JSON-like data: no tags, no timestamps, string keys; aliases counted."""


_PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq",
                                                           "merge")}


def load(text: str, location: str, max_depth: int, max_alias_nodes: int) -> Any:
    """The data of a YAML text; a syntax error, a tag, nesting beyond max_depth or aliases adding more than
    max_alias_nodes nodes is a SpecError at its line and column."""
    loader = _PlainLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None
        _check_nodes(root, location, max_depth, max_alias_nodes)
        data = loader.construct_document(root)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SpecError(f"not valid YAML: {getattr(exc, 'problem', None) or exc}", "", location,
                        mark.line + 1 if mark else None, "fix the YAML syntax at that place",
                        mark.column + 1 if mark else None) from None
    finally:
        loader.dispose()
    return _string_keys(data)


def line_of(text: str, path: tuple[object, ...]) -> int | None:
    """1-based line of the node at `path` in a JSON or YAML text, or of its nearest ancestor that exists."""
    try:
        node = yaml.compose(text, Loader=_PlainLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    line = node.start_mark.line + 1 if node else None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(part)), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


def _key(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "null" if value is None else str(value)


def _check_nodes(root: yaml.Node, location: str, max_depth: int, max_alias_nodes: int) -> None:
    """Refuse tags, nesting beyond max_depth (aliases included), aliases to themselves and alias bombs, looking
    at each node of the graph once."""
    def refuse(node: yaml.Node, message: str, hint: str) -> SpecError:
        mark = node.start_mark
        return SpecError(message, "", location, mark.line + 1, hint, mark.column + 1)

    own = 0
    expanded: dict[int, tuple[int, int]] = {}  # node id -> (nodes it stands for, aliases expanded; its height)
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            open_nodes.discard(id(node))
            sizes = [expanded[id(child)] for child in _children(node)]
            height = 1 + max((h for _, h in sizes), default=0)
            if height > max_depth:
                raise refuse(node, f"nested more than {max_depth} levels deep",
                             "flatten the document (move deep schemas to components and reference them)")
            expanded[id(node)] = (1 + sum(n for n, _ in sizes), height)
            continue
        if id(node) in expanded:
            continue
        if id(node) in open_nodes:
            raise refuse(node, "a YAML alias refers to a node that contains it", "remove the recursive alias")
        if node.tag not in _PLAIN_TAGS:
            raise refuse(node, f"YAML tag {node.tag!r} is not plain data",
                         "remove the tag: clientgen reads YAML as JSON-like data only")
        own += 1
        open_nodes.add(id(node))
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in expanded)
    total = expanded[id(root)][0]
    if total > own + max_alias_nodes:
        raise SpecError(f"YAML aliases expand the document to {total:,} nodes (it has {own:,})", "",
                        location, hint="write the repeated parts once and use $ref instead of YAML aliases")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _string_keys(data: Any) -> Any:
    """Mapping keys as JSON has them (YAML's `200:` is the string '200'), without recursion."""
    stack = [data]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            if any(not isinstance(k, str) for k in node):
                items = list(node.items())
                node.clear()
                node.update((_key(k), v) for k, v in items)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return data
