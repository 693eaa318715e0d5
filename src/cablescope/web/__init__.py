"""The web app and JSON API: pages and their JSON twins over the same core functions.

`create_app(WebConfig(db=...))` gives an ASGI app (FastAPI); `cablescope serve` runs it.
"""

from cablescope.web.app import create_app
from cablescope.web.config import WebConfig

__all__ = ["WebConfig", "create_app"]
