"""naming.py: words once, case styles, uniqueness that settles collisions for every language."""

from generator.naming import Scope, camel, key, pascal, snake, split_words


def test_words_keep_initialisms_for_pascal_and_camel_but_snake_lowers_them() -> None:
    words = split_words("RunMLService")
    assert words == ("Run", "ML", "Service")
    assert (pascal(words), camel(words), snake(words)) == ("RunMLService", "runMLService", "run_ml_service")


def test_separators_and_paths_split_into_words() -> None:
    assert split_words("x-rate-limit") == ("x", "rate", "limit")
    assert split_words("/items/{itemId}") == ("items", "item", "Id")
    assert split_words("getV2Users") == ("get", "V2", "Users")


def test_non_ascii_folds_accents_and_spells_other_letters() -> None:
    assert split_words("héllo") == ("hello",)
    assert split_words("名前") == ("u21517", "u21069")
    assert split_words("🚀") == ()


def test_names_differing_only_by_case_or_punctuation_collide_once() -> None:
    scope = Scope()
    names = [scope.claim(split_words(n)) for n in ("pet_id", "petId", "Pet-Id", "other")]
    assert [snake(n) for n in names] == ["pet_id", "pet_id_2", "pet_id_3", "other"]
    assert len({key(n) for n in names}) == 4


def test_reserved_names_are_never_handed_out_and_empty_names_get_a_fallback() -> None:
    scope = Scope(reserved=[("body",)])
    assert scope.claim(("body",)) == ("body", "2")
    assert scope.claim((), "param") == ("param",)
    assert scope.unique("Client") == "Client"
    assert scope.unique("client", "_") == "client_2"
