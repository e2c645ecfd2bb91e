"""A small client of Parley's native API for setting scenes up (departments, agents, a visitor
on the other side) while the browser plays the person under test."""
import json
import time
import urllib.error
import urllib.request


class ApiError(Exception):
    def __init__(self, status, body):
        super().__init__(f"HTTP {status}: {body}")
        self.status = status
        self.body = body


class ParleyAPI:
    def __init__(self, base_url, token=None):
        self.base_url = base_url
        self.token = token

    def call(self, method, path, body=None, headers=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", "Bearer " + self.token)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read().decode()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            raise ApiError(error.code, error.read().decode()) from None

    def get(self, path):
        return self.call("GET", path)

    def post(self, path, body=None):
        return self.call("POST", path, body if body is not None else {})

    def put(self, path, body):
        return self.call("PUT", path, body)

    def patch(self, path, body):
        return self.call("PATCH", path, body)

    # Scenes

    def login(self, email, password):
        answer = ParleyAPI(self.base_url).post("/v1/auth/login", {"email": email, "password": password})
        return ParleyAPI(self.base_url, answer["accessToken"]), answer["agent"]

    def create_department(self, name, **extra):
        return self.post("/v1/departments", {"name": name, **extra})

    def create_agent(self, email, name, password, department_ids, is_admin=False):
        return self.post("/v1/agents", {
            "email": email, "name": name, "password": password,
            "departmentIds": department_ids, "isAdmin": is_admin,
        })

    def set_status(self, agent_id, status):
        return self.put(f"/v1/agents/{agent_id}/status", {"status": status})

    def start_chat(self, department_id, name, email, message):
        """A visitor starting a chat through the API: answers (visitor API, chat)."""
        answer = ParleyAPI(self.base_url).post("/v1/chats", {
            "departmentId": department_id, "name": name, "email": email, "message": message,
        })
        return ParleyAPI(self.base_url, answer["credentials"]["accessToken"]), answer["chat"]

    def events(self, chat_id):
        return self.get(f"/v1/chats/{chat_id}/events?limit=500")["items"]


def wait_for(condition, timeout=15, interval=0.1, message="condition"):
    """Polls `condition` until it answers something truthy; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = condition()
            if value:
                return value
        except Exception as error:  # a page still loading, an element not there yet
            last_error = error
        time.sleep(interval)
    raise AssertionError(f"timed out waiting for {message}" + (f" (last error: {last_error})" if last_error else ""))
