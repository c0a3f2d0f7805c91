#!/usr/bin/env python3
"""A truthful Agora bot in plain Python (standard library only): any language that speaks HTTP can play.

    python3 bot.py --url http://127.0.0.1:8080 --client-id alice --secret S --market m-123 [--token-url URL]

It takes a token with the OAuth2 client-credentials grant, joins the market, and then, round after round,
waits for the round to open (long poll), reports its private type as it is, and prints its result. The type comes in
the form of a report of the market's mechanism (the round's "reportShape" lists its fields and their rules), so the
same bot plays any mechanism.
"""
import argparse
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid


class Bot:
    def __init__(self, url, token_url, client_id, secret):
        self.url = url.rstrip("/")
        self.token_url = token_url or self.url + "/oauth/token"
        self.client_id = client_id
        self.secret = secret
        self.token = None
        self.token_expires = 0

    def bearer(self):
        if self.token is None or time.time() > self.token_expires - 60:
            form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": self.client_id,
                                           "client_secret": self.secret}).encode()
            with urllib.request.urlopen(self.token_url, form) as r:
                answer = json.load(r)
            self.token = answer["access_token"]
            self.token_expires = time.time() + answer.get("expires_in", 300)
        return self.token

    def call(self, method, path, body=None, headers=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self.bearer())
        if data is not None:
            request.add_header("Content-Type", "application/json")
        for k, v in (headers or {}).items():
            request.add_header(k, v)
        for attempt in range(6):
            try:
                with urllib.request.urlopen(request, timeout=60) as r:
                    return json.load(r)
            except urllib.error.HTTPError as e:
                if e.code in (429, 503) and attempt < 5:
                    time.sleep(0.05 * 2 ** attempt)  # rate limit or busy: back off and retry (same idempotency key)
                    continue
                problem = json.loads(e.read() or b"{}")
                raise RuntimeError(f"{method} {path}: {e.code} {problem.get('field')}: {problem.get('detail')}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", default="http://127.0.0.1:8080")
    p.add_argument("--token-url")
    p.add_argument("--client-id", required=True)
    p.add_argument("--secret", required=True)
    p.add_argument("--market", required=True)
    p.add_argument("--rounds", type=int, default=0, help="stop after this many reports (0: until the market ends)")
    args = p.parse_args()

    bot = Bot(args.url, args.token_url, args.client_id, args.secret)
    market = args.market
    seat = bot.call("POST", f"/api/markets/{market}/seats")
    print(f"seated as {seat['seat']}", file=sys.stderr)
    last, reports, utility = 0, 0, 0.0
    while args.rounds == 0 or reports < args.rounds:
        view = bot.call("GET", f"/api/markets/{market}/rounds/current?after={last}&waitMillis=20000")
        if view["phase"] in ("finished", "closed"):
            break
        if view["phase"] != "collecting" or view["round"] <= last or view["reported"]:
            last = max(last, view["round"] if view["reported"] else last)
            continue
        rnd = view["round"]
        truth = view["type"]  # the truthful report, whatever the mechanism's report shape is
        bot.call("POST", f"/api/markets/{market}/rounds/{rnd}/reports", truth, {"Idempotency-Key": str(uuid.uuid4())})
        reports += 1
        last = rnd
    # Results of the rounds played (they settle once every seat has reported or the deadline passed).
    for rnd in range(1, last + 1):
        for _ in range(100):
            try:
                result = bot.call("GET", f"/api/markets/{market}/rounds/{rnd}/result")
                utility += result["utility"]
                break
            except RuntimeError:
                time.sleep(0.1)
    print(json.dumps({"seat": seat["seat"], "reports": reports, "lastRound": last, "utility": utility}))


if __name__ == "__main__":
    main()
