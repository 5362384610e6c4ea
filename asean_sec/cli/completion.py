"""Shell completion from the data: countries, bodies and people by any of their names.

Enable it with click's own mechanism, e.g. for bash:
    eval "$(_ASEAN_SEC_COMPLETE=bash_source asean-sec)"
"""

from __future__ import annotations


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
