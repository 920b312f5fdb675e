#!/usr/bin/env python3
"""Take a PNG screenshot of an Odoo page as a logged-in user, with Debian's headless Chromium.

Usage: python3 scripts/screenshot.py URL LOGIN PASSWORD PATH OUT.png [WIDTHxHEIGHT]
e.g.   python3 scripts/screenshot.py http://127.0.0.1:8069 dealer.manager dealer.manager \
           /odoo/action-dealer_management.action_dealer_partner docs/screenshot-dealers.png
PATH opens any page of the web client: an action by XML id (window or server action) is
/odoo/action-<module>.<xml id>, one record /odoo/action-<module>.<xml id>/<id>, another view ?view_type=graph.
LOGIN - (and any PASSWORD) takes the page as an anonymous visitor.
SCREENSHOT_WAIT (seconds, default 12) is how long the page gets to load and render.
SCREENSHOT_POST="/my/cart/quick?lines=CODE%2010" posts that form first, as the user (e.g. to fill a portal cart).
"""
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import requests
import websocket  # websocket-client, also what Odoo's browser tests use


def devtools_port(profile):
    """The DevTools port Chromium chose (a free one: several screenshots may run at once on one machine)."""
    path = os.path.join(profile, "DevToolsActivePort")
    for _ in range(100):
        if os.path.exists(path):
            with open(path) as f:
                first = f.readline().strip()
            if first:
                return first
        time.sleep(0.1)
    sys.exit("chromium did not open its DevTools port")


def main(base, login, password, path, out, size="1400x900"):
    session = requests.Session()
    page = session.get(f"{base}/web/login")
    if login != "-":  # "-": an anonymous visitor (the public application form)
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        response = session.post(f"{base}/web/login", data={"login": login, "password": password, "csrf_token": token})
        if response.url.split("?")[0].endswith("/web/login"):
            sys.exit(f"login as {login} refused: check the login and password (make demo prints them)")
    prepare = os.environ.get("SCREENSHOT_POST")
    if prepare:  # a form of the page posted first, with the page's CSRF token
        form_path, _sep, query = prepare.partition("?")
        token = session.get(base + path).text.split('name="csrf_token" value="')[1].split('"')[0]
        session.post(base + form_path, data={**dict(urllib.parse.parse_qsl(query)), "csrf_token": token})
    sid = session.cookies.get("session_id")
    width, height = size.split("x")
    profile = tempfile.mkdtemp()
    chrome = subprocess.Popen([
        shutil.which("chromium"), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", "--remote-debugging-port=0", f"--window-size={width},{height}",
        "about:blank",
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port = devtools_port(profile)
        for _ in range(50):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
                break
            except OSError:
                time.sleep(0.2)
        ws_url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        ws = websocket.create_connection(ws_url, suppress_origin=True)
        counter = iter(range(1, 1000))

        def call(method, **params):
            msg_id = next(counter)
            ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
            while True:
                msg = json.loads(ws.recv())
                if msg.get("id") == msg_id:
                    return msg.get("result", {})

        call("Network.enable")
        host = base.split("//")[1].split(":")[0]
        call("Network.setCookie", name="session_id", value=sid, domain=host, path="/")
        call("Page.navigate", url=base + path)
        time.sleep(float(os.environ.get("SCREENSHOT_WAIT", "12")))  # let the web client load and render
        data = call("Page.captureScreenshot", format="png")["data"]
        with open(out, "wb") as f:
            f.write(base64.b64decode(data))
        print(f"wrote {out}")
    finally:
        chrome.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) < 6:
        sys.exit(__doc__)
    main(*sys.argv[1:])
