"""What a browser needs to post a rendered form: Django's CSRF token in it (or in the page, for htmx)."""

from html.parser import HTMLParser


class PostForms(HTMLParser):
    """The POST forms of a page, each with whether it carries Django's CSRF token."""

    def __init__(self, html):
        super().__init__()
        self.forms = []  # [action, has_token]
        self.csrf_meta = None
        self.htmx_posts = False
        self._open = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "hx-post" in attrs or "data-hx-post" in attrs:
            self.htmx_posts = True
        if tag == "meta" and attrs.get("name") == "csrf-token":
            self.csrf_meta = attrs.get("content") or ""
        if tag == "form":
            is_post = (attrs.get("method") or "").lower() == "post"
            self._open = [attrs.get("action") or "", False] if is_post else None
            if self._open:
                self.forms.append(self._open)
        elif tag == "input" and self._open is not None and attrs.get("name") == "csrfmiddlewaretoken" and attrs.get("value"):
            self._open[1] = True

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None

    def problems(self):
        found = [
            f"a POST form (action={action!r}) without the CSRF token"
            for action, has_token in self.forms
            if not has_token and not action.startswith(("http://", "https://", "//"))
        ]
        if self.htmx_posts and self.csrf_meta == "":
            found.append("htmx posts but the csrf-token meta is empty")
        return found


def assert_forms_carry_csrf_token(response):
    """A browser posts only what the page renders: a POST form without the token ends in a 403."""
    if response.streaming or response.status_code != 200:
        return
    if not response.get("Content-Type", "").startswith("text/html"):
        return
    problems = PostForms(response.content.decode(response.charset or "utf-8", "replace")).problems()
    assert not problems, f"{response.request['PATH_INFO']}: " + "; ".join(problems)
