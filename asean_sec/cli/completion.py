"""Shell completion from the data: countries, bodies and people by any of their names.

Enable it with click's own mechanism, e.g. for bash:
    eval "$(_ASEAN_SEC_COMPLETE=bash_source asean-sec)"

A name with spaces completes as one word: bash inserts what it is given as it is, so for bash
each completion is escaped as the shell reads it back ('Republic\\ of\\ Korea'); zsh and fish
quote what they insert themselves.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"([^\w@%+=:,./-])")


def shell_escape(word: str) -> str:
    """`word` with every character the shell would split on or expand escaped by a backslash."""
    return _UNSAFE.sub(r"\\\1", word)


# click's bash script, reading each completion with `read -r` (plain `read` would undo the
# escapes) and adding it quoted (no splitting, no globbing).
_SOURCE_BASH = """\
%(complete_func)s() {
    local IFS=$'\\n'
    local response

    response=$(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD=$COMP_CWORD \
%(complete_var)s=bash_complete $1)

    for completion in $response; do
        IFS=',' read -r type value <<< "$completion"

        if [[ $type == 'dir' ]]; then
            COMPREPLY=()
            compopt -o dirnames
        elif [[ $type == 'file' ]]; then
            COMPREPLY=()
            compopt -o default
        elif [[ $type == 'plain' ]]; then
            COMPREPLY+=("$value")
        fi
    done

    return 0
}

%(complete_func)s_setup() {
    complete -o nosort -F %(complete_func)s %(prog_name)s
}

%(complete_func)s_setup;
"""


def install_shell_classes() -> None:
    """Put the escaping bash completion in place of click's (only when a shell asks to complete)."""
    from click.shell_completion import BashComplete, add_completion_class

    class EscapingBashComplete(BashComplete):
        source_template = _SOURCE_BASH

        def format_completion(self, item) -> str:
            if item.type == "plain":
                return f"{item.type},{shell_escape(item.value)}"
            return super().format_completion(item)

    add_completion_class(EscapingBashComplete, "bash")


def _dataset(ctx):
    from asean_sec.loading.load import load
    from asean_sec.problems import DataError

    root = ctx.find_root()
    try:
        return load(root.params.get("data_dir"))
    except DataError:
        return None


def _complete(kind: str, ctx, incomplete: str) -> list:
    from click.shell_completion import CompletionItem  # only when completing: most runs never do

    from asean_sec.model.names import fold

    dataset = _dataset(ctx)
    if dataset is None:
        return []
    records = {"country": dataset.countries, "mechanism": dataset.mechanisms, "person": dataset.people}[kind]
    wanted = fold(incomplete)
    items, seen = [], set()
    for record in sorted(records.values(), key=lambda r: fold(r.name)):
        names = (record.id, record.acronym) if kind == "mechanism" else record.names
        for name in names:
            if fold(name).startswith(wanted) and name not in seen:
                seen.add(name)
                items.append(CompletionItem(name, help=record.name if name != record.name else None))
    return items


def countries(ctx, param, incomplete):
    return _complete("country", ctx, incomplete)


def mechanisms(ctx, param, incomplete):
    return _complete("mechanism", ctx, incomplete)


def people(ctx, param, incomplete):
    return _complete("person", ctx, incomplete)


def document_ids(ctx, param, incomplete):
    """Document ids ('seanwfz-treaty-1995') starting with what is typed."""
    from click.shell_completion import CompletionItem

    dataset = _dataset(ctx)
    if dataset is None:
        return []
    wanted = incomplete.casefold()
    return [CompletionItem(d["id"]) for d in sorted(dataset.raw["documents"], key=lambda d: d["id"])
            if d["id"].startswith(wanted)]


def meeting_ids(ctx, param, incomplete):
    """Meeting ids ('ammtc-17') starting with what is typed."""
    from click.shell_completion import CompletionItem

    dataset = _dataset(ctx)
    if dataset is None:
        return []
    wanted = incomplete.casefold()
    return [CompletionItem(m) for m in sorted(dataset.meetings_by_id) if m.startswith(wanted)]
