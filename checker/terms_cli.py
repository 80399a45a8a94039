"""``rightscheck terms``: the lexicon of vague terms and discretionary grants."""

from __future__ import annotations

import sys

import click

from checker.errors import InputError


@click.group()
def terms() -> None:
    """Show the lexicon of vague terms and discretionary grants used in explanations."""


@terms.command("list")
@click.option("--lang", type=click.Choice(["en", "ru"]), help="Only the terms of this language.")
@click.option("--category", help="Only the terms of this category (e.g. extremism, open-grounds).")
def terms_list(lang: str | None, category: str | None) -> None:
    """One line per term: language, kind, category, phrase, the standards it concerns."""
    from checker.nlp.terms import load_terms

    try:
        lexicon = load_terms()
    except InputError as exc:
        click.echo(f"rightscheck: error: {exc}", err=True)
        sys.exit(2)
    if category is not None and category not in lexicon.categories:
        click.echo(
            f"rightscheck: error: no category {category!r} (accepted: {', '.join(sorted(lexicon.categories))})", err=True
        )
        sys.exit(2)
    for term in lexicon.of(lang):  # type: ignore[arg-type]
        if category is not None and term.category != category:
            continue
        kind = lexicon.categories[term.category].kind
        click.echo(f"{term.lang}  {kind:13} {term.category:20} {term.phrase:60} {', '.join(term.standards)}")
