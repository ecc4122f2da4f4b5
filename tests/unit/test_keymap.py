"""The runner's keys.toml: read at start; the binding ids are gathered only when there is a file to check."""

from journal.config.keymap import read_keymap


def test_without_a_keys_file_the_binding_ids_are_not_gathered(tmp_path):
    asked = []

    def known() -> set[str]:
        asked.append(True)
        return {"today.save"}

    assert read_keymap(known, tmp_path / "keys.toml") == ({}, [])
    assert asked == []  # the journal opens without loading every pane's bindings to check nothing


def test_a_keys_file_is_checked_against_the_binding_ids(tmp_path):
    path = tmp_path / "keys.toml"
    path.write_text('"today.save" = "ctrl+w"\n"today.nothing" = "f9"\n"today.save_as" = "not a key"\n')
    keymap, problems = read_keymap(lambda: {"today.save", "today.save_as"}, path)
    assert keymap == {"today.save": "ctrl+w"}
    assert problems == [
        f"{path}: no binding 'today.nothing' (f1 lists them)",
        f"{path}: today.save_as = 'not a key' is not a key like \"ctrl+w\"",
    ]
