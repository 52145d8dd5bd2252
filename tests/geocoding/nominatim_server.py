"""A local HTTP server speaking Nominatim's /search and /reverse JSON protocol, for the online
geocoder's tests (the real service cannot be reached from tests, and must not be hammered)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# Shaped like a real answer for "10 Downing Street, London" (format=json, addressdetails=1).
DOWNING_STREET = {
    "place_id": 258415633,
    "licence": "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright",
    "osm_type": "way",
    "osm_id": 1879842,
    "lat": "51.5033635",
    "lon": "-0.1276248",
    "class": "building",
    "type": "house",
    "place_rank": 30,
    "importance": 0.6,
    "addresstype": "building",
    "name": "Prime Minister's Office",
    "display_name": (
        "Prime Minister's Office, 10, Downing Street, Westminster, London, SW1A 2AA, United Kingdom"
    ),
    "address": {
        "house_number": "10",
        "road": "Downing Street",
        "city": "London",
        "state": "England",
        "postcode": "SW1A 2AA",
        "country": "United Kingdom",
        "country_code": "gb",
    },
    "boundingbox": ["51.5032", "51.5035", "-0.1278", "-0.1274"],
}
# Near the fixture postcodes in Ealing, so the gazetteer can add admin areas.
EALING_BROADWAY = {
    **DOWNING_STREET,
    "lat": "51.5148",
    "lon": "-0.3017",
    "class": "railway",
    "type": "station",
    "addresstype": "railway",
    "name": "Ealing Broadway",
    "display_name": "Ealing Broadway, Haven Green, Ealing, London, W5 2NU, United Kingdom",
    "address": {"railway": "Ealing Broadway", "city": "London", "state": "England", "country_code": "gb"},
}


class FakeNominatim:
    """Modes: "ok" (answers with `answer`), "empty" (no match), "error" (HTTP 500), "slow" (waits
    `delay` seconds before answering). Records every request with its arrival time."""

    def __init__(self):
        self.mode = "ok"
        self.answer = DOWNING_STREET
        self.delay = 2.0
        self.requests: list[dict] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                url = urlsplit(self.path)
                params = {k: v[0] for k, v in parse_qs(url.query).items()}
                server.requests.append(
                    {
                        "path": url.path,
                        "params": params,
                        "at": time.monotonic(),
                        "agent": self.headers["User-Agent"],
                    }
                )
                if server.mode == "error":
                    return self._send(500, {"error": "Internal Server Error"})
                if server.mode == "slow":
                    time.sleep(server.delay)
                if url.path == "/search":
                    return self._send(200, [] if server.mode == "empty" else [server.answer])
                if url.path == "/reverse":
                    if server.mode == "empty":
                        return self._send(200, {"error": "Unable to geocode"})
                    return self._send(200, server.answer)
                return self._send(404, {"error": "unknown path"})

            def _send(self, status, body):
                data = json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout tests)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.domain = f"127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def searches(self):
        return [r for r in self.requests if r["path"] == "/search"]
