"""`policygraph serve` starts Streamlit through this module instead of `python -m streamlit`.

One change to Streamlit's own server, so that opening a page's address directly
(`/network`, `/actor?…`) costs no failed request: Streamlit's page finds its server by
trying the page's path first (`/network/_stcore/health`, `/network/_stcore/host-config`:
two 404s) and then the root. The page served here tells it the server's root at once
through the host settings Streamlit reads before connecting (`window.__streamlit`,
its documented way to embed an app). The UI is always served at the root of its host.
"""

from __future__ import annotations

import sys
from typing import Any

ROOT_SCRIPT = (
    b"<script>window.__streamlit = Object.assign(window.__streamlit || {}, "
    b'{BACKEND_BASE_URL: window.location.origin + "/"});</script>'
)


def inject_root(html: bytes) -> bytes:
    """The index page with the host setting placed before Streamlit's own scripts."""
    if ROOT_SCRIPT in html:
        return html
    head = html.find(b"<head>")
    if head < 0:
        return ROOT_SCRIPT + html
    cut = head + len(b"<head>")
    return html[:cut] + ROOT_SCRIPT + html[cut:]


def patch_static_handler() -> None:
    """Serve the index page (Streamlit's answer for every page path) with `inject_root` applied."""
    from starlette.responses import FileResponse, Response
    from streamlit.web.server.starlette import starlette_static_routes as routes

    original = routes.create_streamlit_static_handler

    def create(directory: str, base_url: str | None) -> Any:
        handler = original(directory, base_url)
        index_path = getattr(handler, "_index_path", None)
        get_response = type(handler).get_response

        async def patched(self, path: str, scope: Any) -> Response:
            response = await get_response(self, path, scope)
            if isinstance(response, FileResponse) and response.path == index_path:
                with open(index_path, "rb") as page:
                    body = inject_root(page.read())
                headers = {k: v for k, v in response.headers.items() if k.lower() not in (
                    "content-length", "etag", "last-modified")}  # fmt: skip
                return Response(body, status_code=response.status_code, headers=headers,
                                media_type="text/html")  # fmt: skip
            return response

        type(handler).get_response = patched
        return handler

    routes.create_streamlit_static_handler = create


def main() -> None:
    patch_static_handler()
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
