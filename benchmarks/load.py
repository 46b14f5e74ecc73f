"""The load tool: wrk (Debian's package), one thread and one connection unless told,
for a few seconds, with the cookies and headers of a signed-in browser behind a TLS
proxy. A POST is made by a Lua script that sends the form a page would and takes the
base version from each answer, as the page's script does."""

import re
import subprocess
from pathlib import Path

AUTOSAVE = Path(__file__).with_name("autosave.lua")
STATUS = Path(__file__).with_name("status.lua")
# wrk's summary lines: "Requests/sec:     48.80", and in --latency "     50%   82.00ms".
RATE = re.compile(r"Requests/sec:\s+([\d.]+)")
PERCENTILE = re.compile(r"^\s+(50|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
# Printed by the scripts: any answer but a 200 (wrk itself counts only 4xx and 5xx).
ERRORS = re.compile(r"Not 200: (\d+)")
TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


class Load:
    def __init__(self, base_url, *, seconds):
        self.base_url = base_url
        self.seconds = seconds

    def run(self, path, *, cookie="", script=None, environment=None, connections=1):
        """{"rate": requests per second, "p50"/"p90"/"p99": ms, "errors": answers but 200}."""
        command = ["wrk", "-t1", f"-c{connections}", f"-d{self.seconds}s", "--latency"]
        command += ["-H", "X-Forwarded-Proto: https"]
        if cookie:
            command += ["-H", f"Cookie: {cookie}"]
        command += ["-s", str(script or STATUS)]
        command.append(f"{self.base_url}{path}")
        done = subprocess.run(command, capture_output=True, text=True, check=True, env=environment)
        rate = RATE.search(done.stdout)
        if rate is None:
            raise RuntimeError(f"wrk printed no rate for {path}:\n{done.stdout}{done.stderr}")
        result = {"rate": float(rate.group(1)), "errors": 0}
        for percentile, value, unit in PERCENTILE.findall(done.stdout):
            result[f"p{percentile}"] = float(value) * TO_MS[unit]
        errors = ERRORS.search(done.stdout)
        if errors:
            result["errors"] = int(errors.group(1))
        return result
