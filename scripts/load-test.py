#!/usr/bin/env python3
"""Latency and load figures against a running NexaCRM server, with wrk (Debian's `wrk` package).

Signs in USERS sessions (default 200) as the demo owner, collects real paths from the demo
workspace (a deep page's cursor, contact ids, search prefixes), then:

1. each everyday request alone (one connection, SECONDS each): p50 / p95 / p99 / slowest;
2. USERS concurrent connections browsing a mix of lists, filters, searches, contact pages, the
   board, the dashboard and server-rendered pages, each request with the next session's cookie:
   throughput, p50 / p95 / p99 and every kind of error;
3. the same mix again while a burst of sign-ins (argon2 at full cost) runs beside it, to show
   that sign-ins do not stall everyone else.

Run against a server holding a demo workspace (`server demo --contacts 1000000`), started with
NEXACRM_AUTH_IP_LIMIT_PER_MINUTE raised so the sign-ins are not refused:

    python3 scripts/load-test.py --base http://127.0.0.1:3000 [--users 200] [--seconds 10]
"""

import argparse
import http.cookiejar
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
import urllib.parse
import urllib.request

DEMO_EMAIL = "demo@nexacrm.example"
DEMO_PASSWORD = "nexacrm-demo-password"
HERE = os.path.dirname(os.path.abspath(__file__))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(base, email, password):
    """A new session; returns its Cookie header value."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    body = urllib.parse.urlencode({"email": email, "password": password}).encode()
    request = urllib.request.Request(
        base + "/api/auth/sign-in",
        data=body,
        headers={"Origin": base, "Sec-Fetch-Site": "same-origin", "Accept": "application/json"},
    )
    try:
        response = opener.open(request)
        response.read()
    except urllib.error.HTTPError as error:
        if error.code >= 400:
            sys.exit(f"sign-in refused: {error.code} {error.read()[:200]!r}")
        response = error
    cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
    if not cookie:
        sys.exit("sign-in set no cookie")
    return cookie, response.headers.get("location", "")


def get_json(base, cookie, path, **query):
    url = f"{base}{path}?{urllib.parse.urlencode(query)}"
    request = urllib.request.Request(url, headers={"Cookie": cookie, "Accept": "application/json"})
    return json.loads(urllib.request.urlopen(request).read())


def wrk(base, paths, cookies, connections, seconds):
    """Runs wrk over the paths; returns the script's JSON summary."""
    with tempfile.TemporaryDirectory() as folder:
        paths_file = os.path.join(folder, "paths")
        cookies_file = os.path.join(folder, "cookies")
        with open(paths_file, "w") as out:
            out.write("\n".join(paths) + "\n")
        with open(cookies_file, "w") as out:
            out.write("\n".join(cookies) + "\n")
        threads = min(2, connections)
        result = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
             "-s", os.path.join(HERE, "load.lua"), base],
            env={**os.environ, "LOAD_PATHS": paths_file, "LOAD_COOKIES": cookies_file},
            capture_output=True, text=True, check=True,
        )
    summary = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if not summary:
        sys.exit(f"wrk printed no summary:\n{result.stdout}\n{result.stderr}")
    return json.loads(summary[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:3000")
    parser.add_argument("--email", default=DEMO_EMAIL)
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=10, help="per single-request case")
    parser.add_argument("--load-seconds", type=int, default=30)
    args = parser.parse_args()
    base = args.base.rstrip("/")

    sessions = [sign_in(base, args.email, args.password) for _ in range(args.users)]
    cookies = [cookie for cookie, _ in sessions]
    # Signing in sends the person to their workspace: /w/{slug}.
    location = sessions[0][1]
    if "/w/" not in location:
        sys.exit(f"could not find the workspace (sign-in sent {location!r})")
    slug = location.split("/w/")[1].split("/")[0]
    q = lambda path, **query: f"{path}?{urllib.parse.urlencode({'slug': slug, **query})}"

    # Real ids and cursors: walk the contacts list to page 500.
    first = get_json(base, cookies[0], "/api/contacts/list", slug=slug, q="", after="")
    ids = [row["id"] for row in first["rows"]]
    cursors, cursor, page = [], "", 1
    while page < 500:
        body = get_json(base, cookies[0], "/api/contacts/list", slug=slug, q="", after=cursor)
        if not body.get("next"):
            break
        cursor, page = body["next"], page + 1
        if page % 50 == 0:
            cursors.append(cursor)
            ids.extend(row["id"] for row in body["rows"][:5])
    deep = cursor

    cases = [
        ("contacts list, first page", [q("/api/contacts/list", q="", after="")]),
        (f"contacts list, page {page}", [q("/api/contacts/list", q="", after=deep)]),
        ("contacts list, owner = me", [q("/api/contacts/list", q="", after="", owner="me")]),
        ("contacts list, name prefix \"mar\"", [q("/api/contacts/list", q="mar", after="")]),
        ("search \"mar\"", [q("/api/search", q="mar")]),
        ("pipeline board (all deals)", [q("/api/deals/board", mine="false")]),
        ("dashboard", [q("/api/dashboard/load")]),
        ("contact page + timeline", [q("/api/contacts/get", id=ids[0])]),
        ("contacts page, server-rendered", [f"/w/{slug}/contacts"]),
    ]
    print(f"{args.users} sessions signed in; workspace /w/{slug}; {len(ids)} contact ids, {len(cursors)} cursors")
    print(f"\n1. Each request alone (1 connection, {args.seconds} s each; ms, loopback included)")
    print(f"{'case':<40} {'req/s':>7} {'p50':>7} {'p95':>7} {'p99':>7} {'max':>7} errors")
    for name, paths in cases:
        r = wrk(base, paths, cookies, 1, args.seconds)
        errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
        print(f"{name:<40} {r['requests'] / r['seconds']:>7.0f} {r['p50']:>7.1f} {r['p95']:>7.1f} {r['p99']:>7.1f} {r['max']:>7.1f} {errors}")

    mix = []
    mix += [q("/api/contacts/list", q="", after="")] * 4
    mix += [q("/api/contacts/list", q="", after=c) for c in cursors]
    mix += [q("/api/contacts/list", q="", after="", owner="me")] * 2
    mix += [q("/api/contacts/list", q=p, after="") for p in ("an", "mar", "schmi", "be", "ko")]
    mix += [q("/api/search", q=p) for p in ("mar", "schmi", "anna", "gmbh", "ber")]
    mix += [q("/api/contacts/get", id=i) for i in random.sample(ids, min(20, len(ids)))]
    mix += [q("/api/deals/board", mine="false"), q("/api/dashboard/load")]
    mix += [f"/w/{slug}/contacts", f"/w/{slug}", f"/w/{slug}/contacts/{ids[1]}"]
    print(f"\n2. {args.users} users at once for {args.load_seconds} s, a mix of {len(mix)} requests "
          "(lists, deep pages, filters, prefixes, searches, contact pages, board, dashboard, pages)")
    r = wrk(base, mix, cookies, args.users, args.load_seconds)
    print(f"   {r['requests']} requests, {r['requests'] / r['seconds']:.0f} per second; "
          f"p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, p99 {r['p99']:.1f} ms, slowest {r['max']:.1f} ms")
    print(f"   errors: connect {r['connect']}, read {r['read']}, write {r['write']}, "
          f"non-2xx {r['status']}, timeout {r['timeout']}")

    print(f"\n3. The same mix while 100 sign-ins run beside it, 10 at a time")
    sign_ins = []

    def burst():
        def one(_):
            started = time.monotonic()
            sign_in(base, args.email, args.password)
            return time.monotonic() - started
        time.sleep(2)
        with ThreadPoolExecutor(10) as pool:
            sign_ins.extend(pool.map(one, range(100)))

    thread = threading.Thread(target=burst)
    thread.start()
    r = wrk(base, mix, cookies, args.users, args.load_seconds)
    thread.join()
    sign_ins.sort()
    print(f"   {r['requests']} requests, {r['requests'] / r['seconds']:.0f} per second; "
          f"p50 {r['p50']:.1f} ms, p95 {r['p95']:.1f} ms, p99 {r['p99']:.1f} ms, slowest {r['max']:.1f} ms")
    print(f"   errors: connect {r['connect']}, read {r['read']}, write {r['write']}, "
          f"non-2xx {r['status']}, timeout {r['timeout']}")
    print(f"   sign-ins: {len(sign_ins)}, median {1000 * sign_ins[len(sign_ins) // 2]:.0f} ms, "
          f"slowest {1000 * sign_ins[-1]:.0f} ms")


if __name__ == "__main__":
    main()
