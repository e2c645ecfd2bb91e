"""A visitor on Parley's native API who writes one line after each agent line, until the chat ends."""
import json, sys, time, urllib.request

base, department, lines_wanted = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def call(method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json",
                                          **({"Authorization": "Bearer " + token} if token else {})})
    with urllib.request.urlopen(req, timeout=40) as r:
        text = r.read()
        return json.loads(text) if text else None

started = call("POST", "/v1/chats", {"departmentId": department, "name": "Vera Visitor",
                                      "email": "vera@example.com", "message": "Hi, I need help with my order"})
chat, token = started["chat"]["id"], started["credentials"]["accessToken"]
print(f"visitor: chat {chat} started", flush=True)
last, sent, deadline = 1, 1, time.time() + 120
while time.time() < deadline:
    page = call("GET", f"/v1/chats/{chat}/events?after={last}", token=token)
    for event in page["items"]:
        last = event["id"]
        kind = event.get("type")
        if kind == "message" and event.get("author", {}).get("type") == "agent":
            print(f"visitor: agent said {event.get('text')!r}", flush=True)
            if sent <= lines_wanted:
                sent += 1
                call("POST", f"/v1/chats/{chat}/messages", {"text": f"visitor line {sent}"}, token=token)
        elif kind == "state":
            print(f"visitor: chat is {event.get('state')}", flush=True)
            if event.get("state") == "ended":
                sys.exit(0)
    time.sleep(0.5)
sys.exit("visitor: the chat did not end in time")
