#!/usr/bin/env python3
"""A fake CometAPI Suno task server for sunotop's tests, demo and benchmarks.

Standard library only. Serves HTTP/1.1 with keep-alive (or HTTPS with --tls)
on 127.0.0.1, answers like the real relay, and can misbehave on demand.

Usage:
  fakeapi.py [SCENARIO.json] [--port N] [--port-file FILE] [--lifetime SECS]
             [--log FILE] [--tls DIR] [--synthetic N[:FINISHED_FRACTION]]
             [--data-dir DIR]

Endpoints
  GET  /suno/fetch/{id}   {"code":"success","message":"","data":TASK}, or
                          400 {"code":"task_not_exist",...} for unknown ids
  POST /suno/fetch        body {"ids":[...],"action":"MUSIC"}: data is an
                          array in storage order (scenario order, not request
                          order), unknown ids dropped, duplicates once; [] for
                          empty ids, null when none was found; a body that is
                          not JSON (or ids that are not strings) -> 400
                          invalid_request
  POST /suno/submit/music   body checked (see "Submitting"); answers
  POST /suno/submit/lyrics  {"code":"success","message":"","data":NEW_ID} and
                          stores a task that progresses like the others
  GET  /audio/{name}      deterministic bytes (300 KiB) derived from name, with
                          Range support (206 / 416); HEAD too
  POST /_control/faults   JSON list of faults (or one object), appended
  POST /_control/clear-faults
  POST /_control/reset-counts   forget fetch counts and fault counters
  POST /_control/tasks    JSON list of task specs, appended to storage
  anything else           200 with an HTML page, like the web UI
  Control requests are not written to the request log.

Auth: when the scenario has "key", /suno/ requests without
"Authorization: Bearer KEY" get 401 with the gateway envelope
{"error":{"code":"","message":"...","type":"comet_api_error"}}.

Request log (--log): one JSON object per line per request:
  {"t": seconds since start (monotonic), "method", "path" (raw, with query),
   "ids": [batch ids, or the GET id], "auth": "ok"|"missing"|"wrong",
   "status": HTTP status answered (0 = nothing answered), "ua": User-Agent,
   "fault": index of the fault applied or null,
   "body": a submit's JSON body as received (null for others),
   "made": the id of the task a submit created, or null}
The bearer token is never written anywhere.

Scenario file (JSON object):
  "key": "test-key"            optional; required bearer token
  "tasks": [ ... ]             storage order; each one of:
    {"id": ID, "action": "MUSIC"|"LYRICS"|"", "title": ..., "tags": ...,
     "timeline": [{"after": 0, "status": "NOT_START"},
                  {"after": 2, "status": "IN_PROGRESS"}, ...],
     "fail_reason": ..., "lyrics": ..., "kind": "music"|"lyrics",
     "clips": 2, "model_name": "chirp-v3-5", "ago": SECONDS}
        A generated task. Its status is that of the last timeline entry that
        holds: "after": N holds once the id was fetched N times before (a GET,
        or a batch naming it, counts one fetch; damaged answers do not);
        "at": S holds S seconds after server start. Extra keys in an entry
        (e.g. "fail_reason", "progress") override the task's fields. Without
        a timeline the status is "status" (default SUCCESS). "kind" defaults
        to lyrics for action LYRICS, else music (action "" is music).
        "ago": how long before server start it was submitted.
    {"id": ID, "sample": "get-failure.json"}
        the data of tests/data/<file> (or --data-dir), task_id set to ID
    {"id": ID, "task": {...}}   a raw TASK object (task_id set if missing)
    {"id": ID, "raw": "...", "http_status": 200}
        the raw GET body; in a batch its "data" is used if it parses
  "faults": [ fault, ... ]
    {"match": "batch"|"get"|"any"|"audio"|"id:ID", "from": 0, "count": 1,
     ...what to do}
        Each fault counts the requests it matches (0-based); it applies to
        matches from..from+count-1 (count -1 = forever). The first applicable
        fault in list order wins. "id:ID" matches a GET of ID or a batch
        naming ID. What to do (combinable where it makes sense):
      "status": 429, "retry_after": "2", "body": "...", "html": true,
      "location": "URL",
      "content_type": "...",   answer this status/body instead (defaults:
                               429 empty, 500 get_task_failed envelope,
                               502-504/52x an HTML edge page, 401 gateway)
      "code": "some_code"      200 with {"code": code, "message": ..., "data": null}
      "stall": SECONDS         read the request, answer nothing, close after
                               SECONDS (or when the client goes away)
      "delay": SECONDS         wait, then answer normally
      "drop": true             close without answering
      "reset": true            send headers and part of the body, then RST
      "truncate": true         send only the first half of the JSON body,
                               framed correctly (Content-Length or chunked)
      "huge": BYTES            the normal envelope padded to BYTES
      "deep": N                200 whose data is nested N arrays deep
      "bad_utf8": true         invalid UTF-8 bytes inside JSON strings
      "trickle": BYTES_PER_SEC send the body slowly
      "huge_header": BYTES     add one header line of BYTES bytes
      "content_length": BYTES  announce this Content-Length (the body is unchanged)
      "chunked": true          Transfer-Encoding: chunked
Submitting: a music body must be an object of known keys with string
values, except make_instrumental (boolean) and continue_at (number); it
needs gpt_description_prompt (inspiration) or prompt, continue_clip_id goes
with continue_at, and an "mv" must be a known model (or one listed in the
scenario's "models"), else 503 model_not_found. A lyrics body is
{"prompt": non-empty string}. A bad body gets 400 invalid_request. The new
task (id derived from the count of submits) follows the scenario's
"submit_timeline" (default: SUBMITTED, then IN_PROGRESS after 1 fetch,
SUCCESS after 3), with clips whose metadata and title reflect the request;
a description or lyrics naming an artist of the scenario's "moderation"
list (default ["metallica"]) fails instead, as Suno does.
Faults match submits with "match": "submit" (or "any"); "made": true makes
the task before the fault spoils the answer (the task then exists although
the client cannot know).
--synthetic N[:F] adds N tasks "syn-000001"... cloned from the samples, a
fraction F (default 0.5) of them finished (every 20th finished one failed).
"""

import argparse
import copy
import hashlib
import http.server
import json
import os
import select
import socket
import socketserver
import ssl
import struct
import subprocess
import sys
import threading
import time
import urllib.parse

FINISHED = {"SUCCESS", "FAILURE", "UNKNOWN", "COMPLETE", "ERROR", "FAILED"}
KNOWN_MODELS = ("chirp-v3-0", "chirp-v3-5", "chirp-v4", "chirp-auk", "chirp-bluejay", "chirp-crow")
MUSIC_KEYS = {"prompt": str, "tags": str, "title": str, "mv": str, "negative_tags": str,
              "make_instrumental": bool, "gpt_description_prompt": str,
              "continue_clip_id": str, "continue_at": (int, float), "task_id": str,
              "notify_hook": str, "task": str}
AUDIO_SIZE = 300 * 1024

HTML_PAGE = (b"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
             b"<title>CometAPI</title></head><body><div id=\"root\"></div>"
             b"<script src=\"/assets/index.js\"></script></body></html>\n")
EDGE_PAGE = (b"<!DOCTYPE html><html><head><title>%d | Gateway error</title>"
             b"</head><body><h1>Error %d</h1><p>The origin did not answer."
             b"</p></body></html>\n")


def go_json(obj):
    """JSON text as the Go relay writes it: UTF-8, <>& escaped."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (s.replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028")
            .replace("\u2029", "\\u2029"))


def derived_uuid(seed):
    h = hashlib.sha256(seed.encode("utf-8")).hexdigest()
    return "%s-%s-4%s-a%s-%s" % (h[0:8], h[8:12], h[13:16], h[17:20], h[20:32])


def envelope(data_text, code="success", message=""):
    return ('{"code":%s,"message":%s,"data":%s}'
            % (go_json(code), go_json(message), data_text)).encode("utf-8")


def gateway_error(message):
    rid = time.strftime("%Y%m%d%H%M%S") + "000000FAKEreq"
    return go_json({"error": {"code": "", "message": "%s (request id: %s)"
                              % (message, rid), "type": "comet_api_error"}}
                   ).encode("utf-8")


class Task:
    """One stored task and everything it remembers between fetches."""

    def __init__(self, spec, store):
        self.spec = spec
        self.id = str(spec["id"])
        self.store = store
        self.static = None      # rendered JSON text for fixed tasks
        self.raw = None
        self.times = {}         # status phase -> wall time first served
        if "raw" in spec:
            self.raw = spec["raw"]
        elif "sample" in spec:
            data = store.sample(spec["sample"])
            data["task_id"] = self.id
            self.static = go_json(data)
        elif "task" in spec:
            data = copy.deepcopy(spec["task"])
            data.setdefault("task_id", self.id)
            self.static = go_json(data)

    def current(self, fetches, elapsed):
        tl = self.spec.get("timeline")
        if not tl:
            return {"status": self.spec.get("status", "SUCCESS")}, None
        chosen, when = tl[0], None
        for e in tl:
            if "at" in e and elapsed >= float(e["at"]):
                chosen, when = e, float(e["at"])
            elif "after" in e and fetches >= int(e["after"]):
                chosen, when = e, None
        return chosen, when

    def render(self, fetches, host):
        """The TASK object as JSON text for the given fetch count."""
        if self.static is not None:
            return self.static
        if self.raw is not None:
            try:
                env = json.loads(self.raw)
                return go_json(env["data"]) if isinstance(env, dict) and "data" in env else None
            except ValueError:
                return None
        return go_json(self.generate(fetches, host))

    def stamp(self, phase, at):
        """Wall time a phase began: from "at", else when first served."""
        if phase not in self.times:
            self.times[phase] = int(self.store.start_wall + at) if at is not None else int(time.time())
        return self.times[phase]

    def generate(self, fetches, host):
        s = self.spec
        entry, at = self.current(fetches, self.store.elapsed())
        status = str(entry.get("status", "SUCCESS"))
        up = status.upper()
        first = str((s.get("timeline") or [{"status": s.get("status", "SUCCESS")}])[0]
                    .get("status", "SUCCESS")).upper()
        kind = s.get("kind") or ("lyrics" if s.get("action") == "LYRICS" else "music")
        finished = up in FINISHED
        running = not finished and up not in ("NOT_START", "SUBMITTED", "QUEUED")
        default_ago = {"NOT_START": 0, "SUBMITTED": 0, "QUEUED": 5}.get(
            first, 30 if first not in FINISHED else 180)
        submit = int(self.store.start_wall - float(s.get("ago", default_ago)))
        start = finish = 0
        if first in FINISHED:
            start, finish = submit + 11, submit + 96
        elif first not in ("NOT_START", "SUBMITTED", "QUEUED"):
            start = submit + 10
        if (running or finished) and not start:
            start = self.stamp("start", at)
        if finished and not finish:
            finish = max(self.stamp("finish", at), start)
        fail = s.get("fail_reason", "") if up in ("FAILURE", "FAILED", "ERROR") else ""
        task = {"task_id": self.id, "notify_hook": "",
                "action": s.get("action", "LYRICS" if kind == "lyrics" else "MUSIC"),
                "status": status, "fail_reason": fail, "submit_time": submit,
                "start_time": start, "finish_time": finish,
                "progress": "100%" if finished else "0%", "data": None}
        for k, v in entry.items():
            if k not in ("after", "at", "status"):
                task[k] = v
        fail = task["fail_reason"]
        if kind == "lyrics":
            if up == "SUCCESS":
                task["data"] = {"id": self.id, "title": s.get("title", ""),
                                "text": s.get("lyrics", ""), "status": "complete"}
            elif finished:
                task["data"] = {"id": self.id, "title": "", "text": "", "status": "error"}
        elif up not in ("NOT_START", "SUBMITTED"):
            task["data"] = [self.clip(i, up, fail, host) for i in range(int(s.get("clips", 2)))]
        return task

    def clip(self, i, up, fail, host):
        s = self.spec
        cid = derived_uuid(self.id + "/clip/%d" % i)
        h = int(hashlib.sha256(cid.encode()).hexdigest()[:8], 16)
        base = "%s/audio/" % host
        c = {"id": cid, "title": s.get("title", ""), "status": "streaming",
             "audio_url": "https://audiopipe.suno.ai/?item_id=" + cid,
             "video_url": "", "image_url": "https://cdn1.suno.ai/image_%s.png" % cid,
             "image_large_url": "https://cdn1.suno.ai/image_large_%s.png" % cid,
             "model_name": s.get("model_name", "chirp-v3-5"),
             "major_model_version": s.get("major_model_version", "v3.5"),
             "created_at": time.strftime("%Y-%m-%dT%H:%M:%S.000Z",
                                         time.gmtime(self.store.start_wall)),
             "metadata": {"tags": s.get("tags", ""), "prompt": s.get("lyrics", ""),
                          "gpt_description_prompt": s.get("description"),
                          "type": s.get("clip_type", "gen"), "duration": None, "stream": True,
                          "error_type": None, "error_message": None}}
        for k in ("negative_tags", "make_instrumental", "continue_clip_id", "continue_at"):
            if k in s:
                c["metadata"][k] = s[k]
        if up == "QUEUED":
            c["status"], c["audio_url"] = "queued", ""
        elif up == "SUCCESS":
            c["status"] = "complete"
            c["audio_url"] = base + cid + ".mp3"
            c["video_url"] = base + cid + ".mp4"
            c["image_url"] = base + "image_" + cid + ".jpeg"
            c["image_large_url"] = base + "image_large_" + cid + ".jpeg"
            c["metadata"]["duration"] = round(90 + (h % 15000) / 100.0, 2)
        elif up in ("FAILURE", "FAILED", "ERROR"):
            c["status"], c["audio_url"] = "error", ""
            c["image_url"] = c["image_large_url"] = None
            c["metadata"]["error_type"] = "moderation" if "contained" in fail else "failure"
            c["metadata"]["error_message"] = fail
        return c


class Store:
    def __init__(self, args):
        self.lock = threading.Lock()
        self.start_mono = time.monotonic()
        self.start_wall = time.time()
        self.data_dir = args.data_dir
        self.samples = {}
        self.tasks = []
        self.index = {}
        self.counts = {}
        self.faults = []
        self.fault_seen = []
        self.key = None
        self.models = set(KNOWN_MODELS)
        self.moderation = ["metallica"]
        self.submit_timeline = None
        self.submits = 0
        self.log_lock = threading.Lock()
        self.log = open(args.log, "a", encoding="utf-8") if args.log else None

    def elapsed(self):
        return time.monotonic() - self.start_mono

    def sample(self, name):
        if name not in self.samples:
            with open(os.path.join(self.data_dir, name), encoding="utf-8") as f:
                self.samples[name] = json.load(f)["data"]
        return copy.deepcopy(self.samples[name])

    def add_tasks(self, specs):
        for spec in specs:
            t = Task(spec, self)
            if t.id in self.index:
                self.tasks[self.index[t.id]] = t
            else:
                self.index[t.id] = len(self.tasks)
                self.tasks.append(t)

    def add_faults(self, faults):
        for f in faults:
            self.faults.append(f)
            self.fault_seen.append(0)

    def synthetic(self, spec):
        n, _, frac = spec.partition(":")
        n, frac = int(n), float(frac) if frac else 0.5
        texts = {}
        for name in ("get-success-music.json", "get-in-progress.json", "get-failure.json"):
            data = self.sample(name)
            text = go_json(data)
            ids = [data["task_id"]] + [c["id"] for c in data["data"]]
            texts[name] = (text, ids)
        done = 0
        specs = []
        for i in range(n):
            tid = "syn-%06d" % (i + 1)
            if int((i + 1) * frac) > int(i * frac):
                done += 1
                name = "get-failure.json" if done % 20 == 0 else "get-success-music.json"
            else:
                name = "get-in-progress.json"
            text, ids = texts[name]
            text = text.replace(ids[0], tid)
            for j, cid in enumerate(ids[1:]):
                text = text.replace(cid, derived_uuid("%s/clip/%d" % (tid, j)))
            specs.append({"id": tid, "task": {}})
            specs[-1]["_text"] = text
        for spec in specs:
            t = Task(spec, self)
            t.static = spec.pop("_text")
            self.index[t.id] = len(self.tasks)
            self.tasks.append(t)

    def pick_fault(self, kind, ids):
        """Count this request against every matching fault; return the first
        one that applies, with its index."""
        found = None
        with self.lock:
            for i, f in enumerate(self.faults):
                m = f.get("match", "any")
                if m == "any":
                    hit = kind != "control"
                elif m.startswith("id:"):
                    hit = kind in ("get", "batch") and m[3:] in ids
                else:
                    hit = m == kind
                if not hit:
                    continue
                n = self.fault_seen[i]
                self.fault_seen[i] += 1
                start, count = int(f.get("from", 0)), int(f.get("count", 1))
                if found is None and n >= start and (count < 0 or n < start + count):
                    found = (i, f)
        return found or (None, None)

    def fetch(self, ids, host, advance):
        """JSON texts of the known ids, in storage order."""
        out = []
        with self.lock:
            pos = sorted({self.index[i] for i in ids if i in self.index})
            for p in pos:
                t = self.tasks[p]
                text = t.render(self.counts.get(t.id, 0), host)
                if advance:
                    self.counts[t.id] = self.counts.get(t.id, 0) + 1
                if text is not None:
                    out.append(text)
        return out

    def raw_for(self, tid):
        with self.lock:
            p = self.index.get(tid)
            if p is None or self.tasks[p].raw is None:
                return None
            t = self.tasks[p]
            self.counts[tid] = self.counts.get(tid, 0) + 1
            return t.raw, int(t.spec.get("http_status", 200))

    def check_submit(self, kind, req):
        """None when the body is one the relay takes, else (status, code, why)."""
        if not isinstance(req, dict):
            return 400, "invalid_request", "the body is not a JSON object"
        if kind == "lyrics":
            p = req.get("prompt")
            if set(req) - {"prompt", "notify_hook"} or not isinstance(p, str) or not p:
                return 400, "invalid_request", "a lyrics request is {\"prompt\": text}"
            return None
        for k, v in req.items():
            want = MUSIC_KEYS.get(k)
            if want is None:
                return 400, "invalid_request", "unknown field %s" % k
            if isinstance(v, bool) and want is not bool or not isinstance(v, want):
                return 400, "invalid_request", "field %s has the wrong type" % k
        if "gpt_description_prompt" not in req and "prompt" not in req:
            return 400, "invalid_request", "prompt or gpt_description_prompt is required"
        if ("continue_clip_id" in req) != ("continue_at" in req):
            return 400, "invalid_request", "continue_clip_id and continue_at go together"
        if "mv" in req and req["mv"] not in self.models:
            return 503, "model_not_found", "model %s not found" % req["mv"]
        return None

    def make_submit(self, kind, req):
        """Store the task a submit creates; returns its id."""
        with self.lock:
            self.submits += 1
            tid = derived_uuid("submit/%d/%s" % (self.submits, self.start_wall))
        text = " ".join(str(req.get(k, "")) for k in ("gpt_description_prompt", "prompt"))
        banned = [w for w in self.moderation if w.lower() in text.lower()]
        timeline = copy.deepcopy(self.submit_timeline) or [
            {"after": 0, "status": "SUBMITTED"}, {"after": 1, "status": "IN_PROGRESS"},
            {"after": 3, "status": "SUCCESS"}]
        if banned:
            timeline = [{"after": 0, "status": "SUBMITTED"}, {"after": 1, "status": "FAILURE"}]
        spec = {"id": tid, "timeline": timeline, "ago": -self.elapsed(),
                "fail_reason": "Song Description contained artist name: %s" % banned[0]
                if banned else ""}
        if kind == "lyrics":
            spec.update({"action": "LYRICS", "title": "Lyrics about " + req["prompt"][:40],
                         "lyrics": "[Verse]\n%s\n\n[Chorus]\n%s" % (req["prompt"], req["prompt"])})
        else:
            spec.update({"action": "MUSIC", "title": req.get("title", ""),
                         "tags": req.get("tags", ""), "lyrics": req.get("prompt", ""),
                         "model_name": req.get("mv", "chirp-crow"),
                         "clip_type": "extend" if "continue_clip_id" in req else "gen"})
            if "gpt_description_prompt" in req:
                spec["description"] = req["gpt_description_prompt"]
                spec["title"] = spec["title"] or "Inspired: " + req["gpt_description_prompt"][:30]
                spec["tags"] = spec["tags"] or "pop"
            for k in ("negative_tags", "make_instrumental", "continue_clip_id", "continue_at"):
                if k in req:
                    spec[k] = req[k]
        with self.lock:
            self.add_tasks([spec])
        return tid

    def write_log(self, rec):
        if not self.log:
            return
        line = json.dumps(rec, ensure_ascii=False)
        with self.log_lock:
            self.log.write(line + "\n")
            self.log.flush()


def audio_bytes(name):
    out = bytearray(b"ID3\x04\x00\x00\x00\x00\x00\x00")
    seed = name.encode("utf-8")
    n = 0
    while len(out) < AUDIO_SIZE:
        out += hashlib.sha256(seed + struct.pack(">I", n)).digest()
        n += 1
    return bytes(out[:AUDIO_SIZE])


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fakeapi"
    sys_version = ""

    def log_message(self, fmt, *args):
        pass

    # -- plumbing ---------------------------------------------------------
    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            body = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline().strip():
                        pass
                    return body
                body += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def auth_state(self):
        h = self.headers.get("Authorization")
        if not h:
            return "missing"
        scheme, _, tok = h.partition(" ")
        if self.server.store.key is None:
            return "ok"
        ok = scheme.lower() == "bearer" and tok.strip() == self.server.store.key
        return "ok" if ok else "wrong"

    def host(self):
        """scheme://host:port as the client addressed this server."""
        h = self.headers.get("Host") or ""
        if not h or not all(c.isalnum() or c in ".:-[]" for c in h):
            h = "127.0.0.1:%d" % self.server.server_address[1]
        return ("https://" if self.server.tls is not None else "http://") + h

    def send_all(self, status, body, ctype="application/json; charset=utf-8",
                 extra=None, fault=None):
        fault = fault or {}
        reason = {524: "A Timeout Occurred", 520: "Unknown Error"}.get(status)
        self.send_response(status, reason)
        self.send_header("Content-Type", ctype)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        if fault.get("huge_header"):
            self.send_header("X-Padding", "x" * int(fault["huge_header"]))
        chunked = bool(fault.get("chunked"))
        if fault.get("truncate"):
            body = body[:len(body) // 2]
        if fault.get("reset"):
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:max(1, len(body) // 3)])
            self.rst()
            return
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(fault.get("content_length", len(body))))
        self.end_headers()
        if self.command == "HEAD":
            return
        rate = int(fault.get("trickle") or 0)
        step = max(1, rate // 10) if rate else 16384
        for i in range(0, len(body), step):
            piece = body[i:i + step]
            if chunked:
                piece = b"%x\r\n%s\r\n" % (len(piece), piece)
            self.wfile.write(piece)
            if rate:
                time.sleep(len(body[i:i + step]) / rate)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")

    def rst(self):
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                   struct.pack("ii", 1, 0))
        self.close_connection = True
        self.rfile.close()
        self.wfile.close()
        self.connection.close()

    def stall(self, secs):
        end = time.monotonic() + secs
        sock = self.connection
        while time.monotonic() < end:
            r, _, _ = select.select([sock], [], [], min(0.2, max(0, end - time.monotonic())))
            if r:
                try:
                    if isinstance(sock, ssl.SSLSocket):
                        # No MSG_PEEK under TLS; the request was read already,
                        # so whatever arrives now can be consumed.
                        sock.settimeout(0.2)
                        gone = not sock.recv(1)
                    else:
                        gone = not sock.recv(1, socket.MSG_PEEK)
                except socket.timeout:
                    gone = False
                except (OSError, ValueError):
                    gone = True
                if gone:
                    break
        self.close_connection = True

    # -- dispatch ---------------------------------------------------------
    def do_GET(self):
        self.dispatch()

    def do_HEAD(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def dispatch(self):
        store = self.server.store
        raw_path = self.path
        path = urllib.parse.urlsplit(raw_path).path
        body = self.read_body() if self.command == "POST" else b""
        if path.startswith("/_control/") and self.command == "POST":
            return self.control(path, body)
        kind, ids, batch_ids = "other", [], None
        if path.startswith("/suno/fetch/") and self.command == "GET" and len(path) > 12:
            kind, ids = "get", [urllib.parse.unquote(path[12:])]
        elif path == "/suno/fetch" and self.command == "POST":
            kind = "batch"
            try:
                req = json.loads(body.decode("utf-8"))
                batch_ids = req.get("ids") or []
                if not isinstance(batch_ids, list) or \
                        not all(isinstance(x, str) for x in batch_ids):
                    raise ValueError("json: cannot unmarshal into Go struct field ids of type []string")
                ids = batch_ids
            except (ValueError, AttributeError, UnicodeDecodeError) as e:
                batch_ids = str(e) or "invalid request"
        elif path.startswith("/audio/") and self.command in ("GET", "HEAD"):
            kind = "audio"
        submit_req = None
        if path in ("/suno/submit/music", "/suno/submit/lyrics") and self.command == "POST":
            kind = "submit"
            try:
                submit_req = json.loads(body.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                submit_req = ValueError("the body is not JSON")
        rec = {"t": round(store.elapsed(), 3), "method": self.command, "path": raw_path,
               "ids": list(ids) if isinstance(ids, list) else [],
               "auth": self.auth_state(), "status": 0,
               "ua": self.headers.get("User-Agent", ""), "fault": None,
               "body": None if isinstance(submit_req, Exception) else submit_req,
               "made": None}
        if kind == "submit":
            batch_ids = submit_req
        try:
            rec["status"] = self.answer(kind, path, ids, batch_ids, rec)
        finally:
            store.write_log(rec)

    def answer(self, kind, path, ids, batch_ids, rec):
        store = self.server.store
        idx, fault = store.pick_fault(kind, ids)
        rec["fault"] = idx
        fault = fault or {}
        if kind == "submit" and fault.get("made") and rec["auth"] == "ok" \
                and not isinstance(batch_ids, Exception) \
                and store.check_submit(path.rsplit("/", 1)[1], batch_ids) is None:
            rec["made"] = store.make_submit(path.rsplit("/", 1)[1], batch_ids)
        if fault.get("drop"):
            self.close_connection = True
            return 0
        if "stall" in fault:
            self.stall(float(fault["stall"]))
            return 0
        if fault.get("delay"):
            time.sleep(float(fault["delay"]))
        if "status" in fault or "body" in fault or fault.get("html"):
            return self.fault_answer(fault)
        if "code" in fault:
            self.send_all(200, envelope("null", fault["code"], fault.get("message", fault["code"])),
                          fault=fault)
            return 200
        if fault.get("deep"):
            n = int(fault["deep"])
            self.send_all(200, b'{"code":"success","message":"","data":' + b"[" * n + b"]" * n + b"}",
                          fault=fault)
            return 200
        if kind == "audio":
            return self.audio(path, fault)
        if kind == "other":
            self.send_all(200, HTML_PAGE, "text/html; charset=utf-8", fault=fault)
            return 200
        if rec["auth"] != "ok" and store.key is not None:
            msg = "未提供令牌" if rec["auth"] == "missing" else "invalid token"
            self.send_all(401, gateway_error(msg), fault=fault)
            return 401
        if kind == "submit":
            return self.submit(path.rsplit("/", 1)[1], batch_ids, rec, fault)
        if kind == "batch" and isinstance(batch_ids, str):
            self.send_all(400, envelope("null", "invalid_request", batch_ids), fault=fault)
            return 400
        damaged = any(fault.get(k) for k in ("truncate", "reset", "huge", "bad_utf8"))
        if kind == "get":
            raw = store.raw_for(ids[0])
            if raw is not None:
                self.send_all(raw[1], raw[0].encode("utf-8"), fault=fault)
                return raw[1]
            found = store.fetch(ids, self.host(), not damaged)
            if not found:
                self.send_all(400, envelope("null", "task_not_exist", "task_not_exist"), fault=fault)
                return 400
            body = envelope(found[0])
        else:
            found = store.fetch(ids, self.host(), not damaged)
            body = envelope("[" + ",".join(found) + "]" if found or not ids else "null")
        if fault.get("bad_utf8"):
            body = body.replace(b'"message":"', b'"message":"\xff\xc3(', 1)
            body = body.replace(b'"title":"', b'"title":"\xc0\x80\xed\xa0\x80')
        if fault.get("huge"):
            pad = max(0, int(fault["huge"]) - len(body) - 16)
            body = body[:-1] + b',"padding":"' + b"x" * pad + b'"}'
        self.send_all(200, body, fault=fault)
        return 200

    def submit(self, which, req, rec, fault):
        store = self.server.store
        bad = ((400, "invalid_request", str(req)) if isinstance(req, Exception)
               else store.check_submit(which, req))
        if bad:
            body = (envelope("null", bad[1], bad[2]) if bad[0] == 400 else
                    go_json({"error": {"code": bad[1], "message": bad[2],
                                       "type": "comet_api_error"}}).encode("utf-8"))
            self.send_all(bad[0], body, fault=fault)
            return bad[0]
        if rec["made"] is None:
            rec["made"] = store.make_submit(which, req)
        body = envelope(go_json(rec["made"]))
        if fault.get("bad_utf8"):
            body = body.replace(b'"message":"', b'"message":"\xff\xc3(', 1)
        self.send_all(200, body, fault=fault)
        return 200

    def fault_answer(self, fault):
        status = int(fault.get("status", 200))
        extra = {}
        if "retry_after" in fault:
            extra["Retry-After"] = str(fault["retry_after"])
        if "location" in fault:
            extra["Location"] = str(fault["location"])
        ctype = "application/json; charset=utf-8"
        if "body" in fault:
            body = fault["body"].encode("utf-8")
        elif fault.get("html"):
            body, ctype = (HTML_PAGE if status == 200 else EDGE_PAGE % (status, status)), \
                "text/html; charset=utf-8"
        elif status == 429:
            body = b""
        elif status == 500:
            body = envelope("null", "get_task_failed", "get_task_failed")
        elif status in (502, 503, 504) or 520 <= status <= 527:
            body, ctype = EDGE_PAGE % (status, status), "text/html; charset=utf-8"
        else:
            body = gateway_error("error")
        ctype = fault.get("content_type", ctype)
        self.send_all(status, body, ctype, extra, fault=fault)
        return status

    def audio(self, path, fault):
        name = urllib.parse.unquote(path[len("/audio/"):])
        data = audio_bytes(name)
        ctype = "audio/mpeg" if name.endswith(".mp3") else \
            "image/jpeg" if name.endswith(".jpeg") else "application/octet-stream"
        rng = self.headers.get("Range", "")
        extra = {"Accept-Ranges": "bytes"}
        if rng.startswith("bytes=") and "," not in rng:
            a, _, b = rng[6:].strip().partition("-")
            try:
                if a == "":
                    start, end = max(0, len(data) - int(b)), len(data) - 1
                else:
                    start = int(a)
                    end = min(int(b), len(data) - 1) if b else len(data) - 1
            except ValueError:
                start, end = 0, len(data) - 1
            if start >= len(data) or start > end:
                extra["Content-Range"] = "bytes */%d" % len(data)
                self.send_all(416, b"", "text/plain", extra)
                return 416
            extra["Content-Range"] = "bytes %d-%d/%d" % (start, end, len(data))
            self.send_all(206, data[start:end + 1], ctype, extra, fault=fault)
            return 206
        self.send_all(200, data, ctype, extra, fault=fault)
        return 200

    def control(self, path, body):
        store = self.server.store
        try:
            arg = json.loads(body.decode("utf-8")) if body.strip() else None
        except ValueError:
            self.send_all(400, b'{"ok":false}')
            return
        with store.lock:
            if path == "/_control/faults":
                store.add_faults(arg if isinstance(arg, list) else [arg])
            elif path == "/_control/clear-faults":
                store.faults, store.fault_seen = [], []
            elif path == "/_control/reset-counts":
                store.counts = {}
                store.fault_seen = [0] * len(store.faults)
            elif path == "/_control/tasks":
                store.add_tasks(arg if isinstance(arg, list) else [arg])
            else:
                self.send_all(404, b'{"ok":false}')
                return
        self.send_all(200, b'{"ok":true}')


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64
    tls = None

    def finish_request(self, request, client_address):
        if self.tls is not None:
            request.settimeout(10)
            request = self.tls.wrap_socket(request, server_side=True)
            request.settimeout(None)
        self.RequestHandlerClass(request, client_address, self)

    def handle_error(self, request, client_address):
        # Clients that reset, time out or reject the certificate are part of
        # the tests; keep them out of the output.
        pass


def make_cert(d):
    cert, key = os.path.join(d, "cert.pem"), os.path.join(d, "key.pem")
    if not (os.path.exists(cert) and os.path.exists(key)):
        os.makedirs(d, exist_ok=True)
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                        "-subj", "/CN=localhost", "-addext",
                        "subjectAltName=DNS:localhost,IP:127.0.0.1",
                        "-keyout", key + ".tmp", "-out", cert + ".tmp"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.replace(key + ".tmp", key)
        os.replace(cert + ".tmp", cert)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    return ctx


def find_scenario(name):
    if os.path.exists(name):
        return name
    alt = os.path.join(os.path.dirname(os.path.abspath(__file__)), "scenarios", name)
    return alt if os.path.exists(alt) else name


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description="fake CometAPI Suno task server")
    p.add_argument("scenario", nargs="?")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--port-file")
    p.add_argument("--lifetime", type=float, default=600)
    p.add_argument("--log")
    p.add_argument("--tls")
    p.add_argument("--synthetic")
    p.add_argument("--data-dir", default=os.path.join(here, "data"))
    args = p.parse_args()

    store = Store(args)
    if args.scenario:
        with open(find_scenario(args.scenario), encoding="utf-8") as f:
            sc = json.load(f)
        store.key = sc.get("key")
        store.models.update(sc.get("models", []))
        store.moderation = sc.get("moderation", store.moderation)
        store.submit_timeline = sc.get("submit_timeline")
        store.add_tasks(sc.get("tasks", []))
        store.add_faults(sc.get("faults", []))
    if args.synthetic:
        store.synthetic(args.synthetic)

    srv = Server(("127.0.0.1", args.port), Handler)
    srv.store = store
    if args.tls:
        srv.tls = make_cert(args.tls)
    if args.port_file:
        tmp = args.port_file + ".tmp.%d" % os.getpid()
        with open(tmp, "w") as f:
            f.write("%d\n" % srv.server_address[1])
        os.replace(tmp, args.port_file)
    timer = threading.Timer(args.lifetime, srv.shutdown)
    timer.daemon = True
    timer.start()
    try:
        srv.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
