"""What a browser would post back from a page's form, unchanged: its inputs, selects and textareas."""

from __future__ import annotations

from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, index: int) -> None:
        super().__init__()
        self.index, self.seen, self.inside = index, -1, False
        self.values: dict[str, str] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self.seen += 1
            self.inside = self.seen == self.index
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.values[name] = a.get("value", "on" if a.get("type") == "checkbox" else "")
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self.inside and self._textarea:
            self.values[self._textarea] += (
                data.removeprefix("\n") if not self.values[self._textarea] else data
            )


def form_values(html: str, index: int = 0) -> dict[str, str]:
    """The values of the page's `index`-th POST form (the header's sign-out form counts)."""
    parser = _Form(index)
    parser.feed(html)
    return parser.values


def edit_form_values(html: str) -> dict[str, str]:
    """The values of the page's form that carries a version (its edit form)."""
    for index in range(10):
        values = form_values(html, index)
        if "version" in values:
            return values
    raise AssertionError("The page has no form with a version")
