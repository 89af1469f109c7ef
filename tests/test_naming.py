"""naming.py: words once, case styles, uniqueness that settles collisions for every language."""

from generator.naming import Scope, camel, key, pascal, snake, split_ascii_words, split_words


def test_words_keep_initialisms_for_pascal_and_camel_but_snake_lowers_them() -> None:
    words = split_words("RunMLService")
    assert words == ("Run", "ML", "Service")
    assert (pascal(words), camel(words), snake(words)) == ("RunMLService", "runMLService", "run_ml_service")


def test_separators_and_paths_split_into_words() -> None:
    assert split_words("x-rate-limit") == ("x", "rate", "limit")
    assert split_words("/items/{itemId}") == ("items", "item", "Id")
    assert split_words("getV2Users") == ("get", "V2", "Users")


def test_letters_every_compiler_knows_stay_readable_and_the_rest_are_spelled() -> None:
    assert split_words("héllo") == ("héllo",)
    assert split_words("名前") == ("名前",)
    assert split_words("名前Name") == ("名前", "Name")
    assert split_words("привет_мир") == ("привет", "мир")
    assert split_words("ﬁle") == ("file",)  # NFKC, as Python reads identifiers
    assert split_words("١٢٣") == ("u1633", "u1634", "u1635")  # digits outside ASCII are spelled
    assert split_words("\U0001E900") == ("u125184",)  # Adlam: a letter since Unicode 9, too new for some compilers
    assert split_words("🚀") == ()
    assert split_words("a\u202eb\u200dc") == ("a", "b", "c")  # format characters only separate words


def test_names_that_must_be_ascii_fold_accents_and_spell_other_letters() -> None:
    assert split_ascii_words("Café API") == ("Cafe", "API")
    assert split_ascii_words("名前") == ("u21517", "u21069")


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
