#!/usr/bin/env python3
"""Switchboard's benchmark, side by side with the floor (plain Netty), the broker floor (plain Netty
publishing to RabbitMQ with confirms) and an Express receiver.

Run it through ./run (see docs/BENCHMARKS.md). Standard library only. It builds the driver and the
floors (their own poms, not the project's reactor), installs Express (npm ci), then for each server:
saturation throughput and constant-rate latency (coordinated-omission aware), and for Switchboard
also end to end (accept -> arrival at a local Genesys stub), the drain rate of a 100k backlog,
start-up time and peak RSS. Prints the table and writes benchmarks/results/<timestamp>.{md,json,png}.
"""
import argparse
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DRIVER_JAR = os.path.join(HERE, "driver", "target", "bench-driver.jar")
# the JVM options the README recommends (a java argument file: `java @bootstrap/jvm.options -jar ...`)
JVM_OPTIONS = os.path.join(REPO, "bootstrap", "jvm.options")
FLOOR_JAR = os.path.join(HERE, "floor", "target", "bench-floor.jar")
BROKER_FLOOR_JAR = os.path.join(HERE, "broker-floor", "target", "bench-broker-floor.jar")
BROKER_FLOOR_VHOST = "switchboard_bench_floor"  # its own, so that it never meets the bridge's queues
BROKER_FLOOR_QUEUE = "bench.broker-floor"

APP_SECRET = "bench-meta-app-secret"
# cores taken by others (processes, the hypervisor's steal) above which a run counts as disturbed
DISTURBED_CORES = 0.4
INTEGRATION_ID = "6685901b-6d0e-43db-95ff-d64406e9dce2"
CLK_TCK = os.sysconf("SC_CLK_TCK")
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))

T0 = time.time()


def log(msg):
    print(f"[{time.time() - T0:6.1f}s] {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, timeout=5):
    req = urllib.request.Request(url, method=method, data=b"" if method == "POST" else None)
    try:
        with NO_PROXY.open(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


# ---------------------------------------------------------------- building

def newest_mtime(root):
    newest = 0
    for d, _, files in os.walk(root):
        if "target" in d.split(os.sep):
            continue
        for f in files:
            newest = max(newest, os.path.getmtime(os.path.join(d, f)))
    return newest


def build(args, only):
    """Builds (or installs) what the chosen servers need, and only that."""
    for name, jar in (("driver", DRIVER_JAR), ("floor", FLOOR_JAR), ("broker-floor", BROKER_FLOOR_JAR)):
        src = os.path.join(HERE, name)
        if name != "driver" and name not in only:
            continue
        if not os.path.exists(jar) or os.path.getmtime(jar) < newest_mtime(src):
            log(f"building benchmarks/{name} (mvn package, its own pom)")
            subprocess.run(["mvn", "-q", "-B", "-f", os.path.join(src, "pom.xml"), "package"], check=True)
    express = os.path.join(HERE, "express")
    if only & {"express1", "express2"} and not os.path.isdir(os.path.join(express, "node_modules", "express")):
        log("installing Express (npm ci)")
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=express, check=True)
    jar = args.jar
    if only & {"embedded", "scaled"} and not os.path.exists(jar):
        log("building Switchboard (mvn -DskipTests package)")
        subprocess.run(["mvn", "-q", "-B", "-DskipTests", "package"], cwd=REPO, check=True)
    return jar


# ---------------------------------------------------------------- processes, CPU and memory

def descendants(pid):
    """pid and all its descendants (a node cluster is a primary and its workers)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def cpu_ticks(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (OSError, IndexError, ValueError):
        return 0


def machine_ticks():
    """(busy, steal) ticks of the whole machine: busy without steal, and the time the hypervisor gave
    this machine's CPUs to someone else (a shared host's noise, invisible in any process)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]
    steal = fields[7] if len(fields) > 7 else 0
    return sum(fields[:8]) - idle - steal, steal


def compiler_ticks(pid):
    """CPU ticks of a JVM's JIT compiler threads (C1 and C2)."""
    total = 0
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{task}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            if name.startswith(("C1 CompilerThre", "C2 CompilerThre")):
                fields = stat.rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
    except OSError:
        pass
    return total


def vm_hwm_kb(pid):
    total = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


class Server:
    """A server process under test (its own session, so that it and its children stop together)."""

    def __init__(self, name, cmd, port, env=None, cwd=None, logdir="."):
        self.name, self.cmd, self.port = name, cmd, port
        self.env = env
        self.cwd = cwd
        self.log_path = os.path.join(logdir, f"{name}.log")
        self.proc = None
        self.startup_seconds = None

    def start(self, health="/health", timeout=120):
        logf = open(self.log_path, "ab")
        began = time.time()
        self.proc = subprocess.Popen(self.cmd, env=self.env, cwd=self.cwd, stdout=logf, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        try:
            return self._await_health(health, timeout, began)
        except BaseException:
            self.stop()  # never leave a half-started server behind (also on Ctrl-C)
            raise

    def _await_health(self, health, timeout, began):
        while time.time() - began < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}: {self.tail()}")
            try:
                if http("GET", f"http://127.0.0.1:{self.port}{health}", timeout=1)[0] == 200:
                    self.startup_seconds = time.time() - began
                    return self
            except OSError:
                pass
            time.sleep(0.02)
        raise RuntimeError(f"{self.name} did not become healthy in {timeout}s: {self.tail()}")

    def pids(self):
        return descendants(self.proc.pid) if self.proc and self.proc.poll() is None else []

    def peak_rss_mb(self):
        return round(vm_hwm_kb(self.proc.pid) / 1024, 1) if self.proc and self.proc.poll() is None else None

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)

    def tail(self, n=2000):
        try:
            with open(self.log_path, "rb") as f:
                return f.read()[-n:].decode(errors="replace")
        except OSError:
            return ""


class CpuSampler(threading.Thread):
    """Samples, twice a second, the CPU time of the processes under test (by role) and of every other
    process on the machine, so that each measured window can say how much CPU the server, the driver
    and everything else (other people's builds on a shared machine) used. Per-process times are
    exact; the machine-wide tick count of /proc/stat misses short bursts, so "other" is the larger of
    (the other processes' own times) and (machine busy minus ours)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.samples = []  # (epoch, (machine busy, steal) ticks, {role: ticks}, {other pid: ticks})
        self.roles = {}  # role -> callable returning that role's pids
        self.running = True

    def run(self):
        me = os.getpid()
        while self.running:
            now = time.time()
            busy = machine_ticks()
            ours, roles = {me}, {}
            for role, pids in list(self.roles.items()):
                ps = pids()
                ours.update(ps)
                roles[role] = sum(cpu_ticks(p) for p in ps)
            others = {}
            for entry in os.listdir("/proc"):
                if entry.isdigit() and int(entry) not in ours:
                    others[int(entry)] = cpu_ticks(int(entry))
            self.samples.append((now, busy, roles, others))
            time.sleep(0.5)

    def usage(self, start, end):
        """Cores used in [start, end] (epoch seconds): machine total, per role, other processes, and
        stolen by the hypervisor."""
        inside = [s for s in self.samples if start - 0.01 <= s[0] <= end + 0.6]
        if len(inside) < 2:
            return None
        a, b = inside[0], inside[-1]
        seconds = b[0] - a[0]
        out = {"machine": (b[1][0] - a[1][0]) / CLK_TCK / seconds}
        for role in b[2]:
            if role in a[2]:
                out[role] = (b[2][role] - a[2][role]) / CLK_TCK / seconds
        by_process = sum(t - a[3].get(pid, 0) for pid, t in b[3].items()) / CLK_TCK / seconds
        by_machine = out["machine"] - sum(v for k, v in out.items() if k != "machine")
        out["other"] = max(by_process, by_machine, 0.0)
        out["steal"] = (b[1][1] - a[1][1]) / CLK_TCK / seconds
        return {k: round(v, 2) for k, v in out.items()}


def disturbance(cpu):
    """Cores taken from the run by others: other processes, and the hypervisor (steal)."""
    cpu = cpu or {}
    return round(cpu.get("other", 0) + cpu.get("steal", 0), 2)


# ---------------------------------------------------------------- the driver

class Bench:
    def __init__(self, args, workdir):
        self.args = args
        self.workdir = workdir
        self.sampler = CpuSampler()
        self.sampler.start()
        self.n = 0
        self.quiet_budget = args.quiet_budget

    def wait_quiet(self):
        """Waits (up to --quiet-wait seconds) until other processes on the machine use less than
        --quiet-cores, so that a run does not start in the middle of someone else's build."""
        began = time.time()
        deadline = began + max(0.0, min(self.args.quiet_wait, self.quiet_budget))
        waited = False
        while True:
            time.sleep(0.5)
            u = self.sampler.usage(time.time() - 1.0, time.time())
            if (u is not None and disturbance(u) < self.args.quiet_cores) or time.time() > deadline:
                if waited:
                    self.quiet_budget -= time.time() - began
                    log(f"  (waited {time.time() - began:.0f}s for other processes to calm down: now {u})")
                return
            waited = True

    def load(self, server, url, mode, label, rate=0, warmup=None, duration=None, connections=None, count=None,
             stub=None, extra_targets=()):
        """One driver run; repeated (up to --retries times, within the quiet budget) while other processes
        used more than --quiet-cores during it, keeping the least disturbed one. The backlog pre-load
        (count) is never repeated, nor an end-to-end run whose messages have not all arrived."""
        best = None
        accepted = 0
        for attempt in range(1 + (0 if mode == "count" else self.args.retries)):
            if attempt and stub and (best.get("e2e_ms") or {}).get("missing", 1):
                break  # messages still on their way would disturb the repeat
            if attempt:
                if self.quiet_budget <= 0:
                    break
                self.quiet_budget -= self.args.duration
                log(f"  repeating {label}: others (processes, steal) took {disturbance(best['cpu_cores'])} cores")
            r = self._load(server, url, mode, label, rate, warmup, duration, connections, count, stub, extra_targets)
            r["attempts"] = attempt + 1
            accepted += r["ok_total"]
            other = disturbance(r.get("cpu_cores"))
            if best is None or other < disturbance(best.get("cpu_cores")):
                best = r
            if other <= self.args.quiet_cores:
                break
        best["ok_total_all_attempts"] = accepted  # every attempt's webhooks are in the server's store
        return best

    def _load(self, server, url, mode, label, rate, warmup, duration, connections, count, stub, extra_targets):
        self.wait_quiet()
        self.n += 1
        out = os.path.join(self.workdir, f"load-{self.n:02d}-{label}.json")
        a = self.args
        cmd = ["java", "-Xms2g", "-Xmx2g", "-XX:+UseParallelGC", "-jar", DRIVER_JAR, "load", "--mode", mode,
               "--target", url, "--secret", APP_SECRET, "--label", label, "--out", out,
               "--connections", str(connections or a.connections)]
        for t in extra_targets:
            cmd += ["--target", t]
        if mode == "rate":
            cmd += ["--rate", str(rate), "--warmup", str(a.warmup if warmup is None else warmup),
                    "--duration", str(a.duration if duration is None else duration)]
        elif mode == "saturate":
            cmd += ["--warmup", str(a.sat_warmup if warmup is None else warmup),
                    "--duration", str(a.duration if duration is None else duration),
                    "--pool", str(a.pool)]
        else:
            cmd += ["--count", str(count)]
        if stub:
            cmd += ["--stub", stub, "--e2e-wait", str(a.e2e_wait)]
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.sampler.roles["driver"] = lambda: [proc.pid]
        try:
            _, err = proc.communicate()
        finally:
            self.sampler.roles.pop("driver", None)
            if proc.poll() is None:
                proc.kill()
        if proc.returncode != 0:
            raise RuntimeError(f"driver failed: {err.decode(errors='replace')[-2000:]}")
        with open(out) as f:
            result = json.load(f)
        result["cpu_cores"] = self.sampler.usage(result["window_start_epoch_ms"] / 1000,
                                                 result["window_end_epoch_ms"] / 1000)
        lat = result.get("latency_ms") or {}
        e2e = result.get("e2e_ms")
        log(f"  {label}: {mode} {rate or ''} -> {result['throughput']:.0f} req/s, p50 {lat.get('p50')} p99 "
            f"{lat.get('p99')} p99.9 {lat.get('p999')} ms, statuses {result['statuses']}, errors "
            f"{result['errors']}, incomplete {result['incomplete']}"
            + (f", e2e p50 {e2e.get('p50')} p99 {e2e.get('p99')} missing {e2e.get('missing')}" if e2e else "")
            + f", cpu {result['cpu_cores']}")
        return result

    def warm_until_compiled(self, server, url, label, rate=None, stub=None, cap=None):
        """Loads a JVM server (as fast as it goes, or at a fixed rate) until its JIT compilers are idle
        (below --jit-idle cores over 5 s, after at least 10 s) or --jit-warmup seconds passed, so
        that what is measured next is the compiled code, not the compiler. A JVM needs tens of
        seconds of load for that: C2 compiles the request paths of a framework for a long time on two
        cores. Nothing of it is reported but how long it took."""
        a = self.args
        cap = cap or a.jit_warmup
        cmd = ["java", "-Xms2g", "-Xmx2g", "-XX:+UseParallelGC", "-jar", DRIVER_JAR, "load",
               "--target", url, "--secret", APP_SECRET, "--label", label, "--connections", str(a.connections),
               "--out", os.path.join(self.workdir, f"warmup-{label}.json"), "--warmup", "0",
               "--duration", str(cap + 30)]
        if rate:
            cmd += ["--mode", "rate", "--rate", str(rate)]
            if stub:
                cmd += ["--stub", stub, "--e2e-wait", "1"]
        else:
            cmd += ["--mode", "saturate", "--pool", "100000"]
        pid = server.proc.pid
        began = time.time()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.sampler.roles["driver"] = lambda: [proc.pid]
        cores, settled = None, False
        try:
            last = compiler_ticks(pid)
            while proc.poll() is None and time.time() - began < cap:
                time.sleep(5)
                now = compiler_ticks(pid)
                cores = (now - last) / CLK_TCK / 5
                last = now
                if time.time() - began >= 10 and cores < a.jit_idle:
                    settled = True
                    break
        finally:
            self.sampler.roles.pop("driver", None)
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        seconds = round(time.time() - began, 1)
        log(f"  {label}: warmed up for {seconds}s "
            + (f"until the JIT compilers were idle ({cores:.2f} cores)" if settled
               else f"(cut off; JIT compilers still at {cores if cores is not None else 0:.2f} cores)"))
        time.sleep(1)  # the last requests answered, sockets closed
        return {"seconds": seconds, "jit_idle": settled, "compiler_cores": round(cores or 0, 2)}

    def watch(self, server):
        self.sampler.roles["server"] = server.pids

    def unwatch(self):
        self.sampler.roles.pop("server", None)

    def ingest_suite(self, server, url, name, extra_targets=(), before_each=lambda: None):
        """Saturation, then the fixed rates. Returns the results by key."""
        before_each()
        res = {"saturation": self.load(server, url, "saturate", f"{name}-saturate", extra_targets=extra_targets)}
        for rate in self.args.rates:
            before_each()
            res[f"rate_{rate}"] = self.load(server, url, "rate", f"{name}-rate{rate}", rate=rate,
                                            extra_targets=extra_targets)
        return res


# ---------------------------------------------------------------- the servers

def run_floor(bench, results):
    port = free_port()
    data = os.path.join(bench.workdir, "floor.bin")
    server = Server("floor", ["java", "-jar", FLOOR_JAR, str(port), APP_SECRET, data], port,
                    logdir=bench.workdir).start()
    bench.watch(server)
    try:
        log(f"floor (plain Netty) up in {server.startup_seconds:.2f}s")
        url = f"http://127.0.0.1:{port}/webhooks/whatsapp"
        warm = bench.warm_until_compiled(server, url, "floor-warmup")
        r = bench.ingest_suite(server, url, "floor")
        r["warmup"] = warm
        r["peak_rss_mb"] = server.peak_rss_mb()
        r["startup_s"] = round(server.startup_seconds, 2)
        results["floor"] = r
    finally:
        bench.unwatch()
        server.stop()
        os.remove(data) if os.path.exists(data) else None


def run_broker_floor(bench, results):
    """The broker floor on a vhost of its own (created here, deleted afterwards with its queue), its
    queue purged before each run as the scaled mode's is; RabbitMQ's CPU counted in a column of its own."""
    ctl = ["rabbitmqctl", "-q"]
    try:
        subprocess.run(ctl + ["delete_vhost", BROKER_FLOOR_VHOST], capture_output=True)
        subprocess.run(ctl + ["add_vhost", BROKER_FLOOR_VHOST], check=True, capture_output=True)
        subprocess.run(ctl + ["set_permissions", "-p", BROKER_FLOOR_VHOST, "guest", ".*", ".*", ".*"], check=True,
                       capture_output=True)
    except (subprocess.CalledProcessError, OSError) as e:
        reason = f"no RabbitMQ to publish to ({type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''})"
        log(f"broker floor skipped: {reason}")
        results["broker-floor"] = {"skipped": reason}
        return

    def purge():
        subprocess.run(ctl + ["purge_queue", "-p", BROKER_FLOOR_VHOST, BROKER_FLOOR_QUEUE], capture_output=True)

    port = free_port()
    uri = f"amqp://guest:guest@127.0.0.1:5672/{BROKER_FLOOR_VHOST}"
    server = None
    try:
        server = Server("broker-floor", ["java", "-jar", BROKER_FLOOR_JAR, str(port), APP_SECRET, uri,
                                         BROKER_FLOOR_QUEUE], port, logdir=bench.workdir).start()
        bench.watch(server)
        bench.sampler.roles["rabbitmq"] = rabbitmq_pids
        log(f"broker floor (plain Netty + RabbitMQ confirms) up in {server.startup_seconds:.2f}s")
        url = f"http://127.0.0.1:{port}/webhooks/whatsapp"
        warm = bench.warm_until_compiled(server, url, "broker-floor-warmup")
        r = bench.ingest_suite(server, url, "broker-floor", before_each=purge)
        r["warmup"] = warm
        r["peak_rss_mb"] = server.peak_rss_mb()
        r["startup_s"] = round(server.startup_seconds, 2)
        results["broker-floor"] = r
    except RuntimeError as e:
        reason = str(e).splitlines()[0][:300]
        log(f"broker floor skipped: {reason}")
        results["broker-floor"] = {"skipped": reason}
    finally:
        bench.unwatch()
        bench.sampler.roles.pop("rabbitmq", None)
        if server:
            server.stop()
        subprocess.run(ctl + ["delete_vhost", BROKER_FLOOR_VHOST], capture_output=True)  # and its queue


def run_express(bench, results, workers):
    port = free_port()
    data = os.path.join(bench.workdir, f"express{workers}.bin")
    name = f"express{workers}"
    server = Server(name, ["node", "server.js", str(port), APP_SECRET, data, str(workers)], port,
                    cwd=os.path.join(HERE, "express"), logdir=bench.workdir).start()
    bench.watch(server)
    try:
        time.sleep(0.5 if workers > 1 else 0)  # every worker listening
        log(f"Express ({workers} process{'es' if workers > 1 else ''}) up in {server.startup_seconds:.2f}s")
        r = bench.ingest_suite(server, f"http://127.0.0.1:{port}/webhooks/whatsapp", name)
        r["peak_rss_mb"] = server.peak_rss_mb()
        r["startup_s"] = round(server.startup_seconds, 2)
        results[name] = r
    finally:
        bench.unwatch()
        server.stop()
        os.remove(data) if os.path.exists(data) else None


def bridge_env(port, data_dir, stub_url, extra):
    env = dict(os.environ)
    env.update({
        "MICRONAUT_SERVER_PORT": str(port),
        "SWITCHBOARD_DATA_DIR": data_dir,
        "SWITCHBOARD_PUBLIC_URL": f"http://127.0.0.1:{port}",
        "SWITCHBOARD_WHATSAPP_APP_SECRET": APP_SECRET,
        "SWITCHBOARD_WHATSAPP_VERIFY_TOKEN": "bench-verify-token",
        "SWITCHBOARD_WHATSAPP_ACCESS_TOKEN": "bench-access-token",
        "SWITCHBOARD_WHATSAPP_PHONE_NUMBER_ID": "106540352242922",
        "SWITCHBOARD_WHATSAPP_GRAPH_URL": stub_url,
        "SWITCHBOARD_GENESYS_API_URL": stub_url,
        "SWITCHBOARD_GENESYS_LOGIN_URL": stub_url,
        "SWITCHBOARD_GENESYS_CLIENT_ID": "bench-client",
        "SWITCHBOARD_GENESYS_CLIENT_SECRET": "bench-client-secret",
        "SWITCHBOARD_GENESYS_INTEGRATION_ID": INTEGRATION_ID,
        "SWITCHBOARD_GENESYS_WEBHOOK_SECRET": "bench-genesys-webhook-secret",
        "SWITCHBOARD_GENESYS_MEDIA_HOSTS": "127.0.0.1",
        # ingest is measured as accepted-and-durable: the backlog bound (429) is not what is measured
        "SWITCHBOARD_BACKLOG_MAX": "100000000",
    })
    for k in [k for k in env if k.startswith(("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"))]:
        del env[k]
    env.update(extra)
    return env


def drain(bench, server, url, stub_url, name):
    """Loads --backlog webhooks into a warm instance as fast as it accepts them (its pipeline works
    meanwhile: what it has not delivered when the load ends is the backlog it drains), then waits
    for every one to reach the stub. The drain rate is the messages delivered over the time from the
    first arrival to the last."""
    a = bench.args
    http("POST", stub_url + "/control/reset")
    loaded = bench.load(server, url, "count", f"{name}-backlog", count=a.backlog)
    accepted = loaded["ok_total"]
    loaded_at = time.time()
    at_load_end = stub_stats(stub_url)["distinct"]
    progress = []
    while True:
        st = stub_stats(stub_url)
        progress.append((time.time(), st["distinct"]))
        if st["distinct"] >= accepted or time.time() - loaded_at > a.drain_timeout:
            break
        if len(progress) > 80 and progress[-80][1] == st["distinct"]:
            break  # nothing for 20 s
        time.sleep(0.25)
    st = stub_stats(stub_url)
    span = (st["last_us"] - st["first_us"]) / 1e6 if st["distinct"] > 1 else None
    result = {
        "backlog": accepted,
        "accept_rate": round(loaded["throughput"], 1),
        "waiting_when_loaded": accepted - at_load_end,
        "delivered": st["distinct"],
        "posts": st["posts"],
        "seconds_first_to_last": round(span, 2) if span else None,
        "rate": round(st["distinct"] / span, 1) if span else None,
        "rate_last_20s": drain_rate_over(progress, 20),
        "cpu_cores": bench.sampler.usage(st["first_us"] / 1e6, st["last_us"] / 1e6) if span else None,
    }
    log(f"  drain: {result}")
    return result


def drain_rate_over(progress, seconds):
    """Messages a second over the last `seconds` of a drain's (time, delivered) samples; None when the
    drain was shorter than twice that (then the whole drain's rate says it)."""
    if len(progress) < 2 or progress[-1][0] - progress[0][0] < 2 * seconds:
        return None
    end_t, end_n = progress[-1]
    for t, n in progress:
        if t >= end_t - seconds:
            return round((end_n - n) / (end_t - t), 1) if end_t > t else None
    return None


def stub_stats(stub_url):
    return json.loads(http("GET", stub_url + "/control/stats")[1])


def settle(stub_url, timeout):
    """Waits until no message has reached the stub for 2 s (what a warm-up left behind has been
    delivered), at most `timeout` seconds; returns the seconds waited."""
    began = time.time()
    last, still_since = None, time.time()
    while time.time() - began < timeout:
        n = stub_stats(stub_url)["distinct"]
        if n != last:
            last, still_since = n, time.time()
        elif time.time() - still_since >= 2:
            break
        time.sleep(0.25)
    return round(time.time() - began, 1)


def jvm_options(path):
    """The options of a java argument file such as bootstrap/jvm.options: whitespace separates them,
    '#' starts a comment that runs to the end of the line (as the java launcher reads it)."""
    options = []
    with open(path) as f:
        for line in f:
            options += line.split("#", 1)[0].split()
    return options


def bridge_command(jar, options_file, extra):
    """java, the recommended options (options_file; 'none': the JVM's defaults), then the extra
    options (--bridge-jvm-opts, which come last and so win where they set the same flag), -jar."""
    recommended = [] if options_file == "none" else jvm_options(options_file)
    return ["java"] + recommended + (extra.split() if extra else []) + ["-jar", jar]


def run_switchboard(bench, results, name, jar, extra_env, stub_url, stub, fresh_env=lambda env: env,
                    empty_inbox=lambda: None, after_drain=lambda: None):
    """Two instances, each on a fresh store:
    (1) ingest: an accept-only instance (pipeline off), doing the work the floor and Express do
        (check, store durably, answer): start-up, a warm-up until the JIT is idle, saturation and
        the fixed rates; its store is thrown away;
    (2) pipeline: with the pipeline on: a warm-up until the JIT is idle (or --e2e-jit-warmup), the
        drain of a backlog (drain()), then the end-to-end rates (which also measure the accept path
        while the pipeline works).
    fresh_env(env) gives a fresh store of the mode (a new database and vhost for PostgreSQL +
    RabbitMQ); after_drain() does the store's housekeeping after the drain; empty_inbox() empties
    what the accept-only instance accepted, where keeping it costs
    (RabbitMQ slows down as an unconsumed queue grows to millions of messages)."""
    a = bench.args
    java = bridge_command(jar, a.jvm_options, a.bridge_jvm_opts)
    r = {"jvm_options": java[1:-2]}
    off = {"SWITCHBOARD_PIPELINE_ENABLED": "false"}

    # 1. ingest, accept-only
    data_dir = os.path.join(bench.workdir, f"{name}-ingest-data")
    port = free_port()
    server = Server(f"{name}-ingest", java, port, env=bridge_env(port, data_dir, stub_url, dict(extra_env, **off)),
                    logdir=bench.workdir).start()
    url = f"http://127.0.0.1:{port}/webhooks/whatsapp"
    bench.watch(server)
    try:
        r["startup_s"] = round(server.startup_seconds, 2)
        log(f"Switchboard {name} (accept-only) healthy in {server.startup_seconds:.2f}s")
        r["warmup"] = bench.warm_until_compiled(server, url, f"{name}-warmup")
        r.update(bench.ingest_suite(server, url, name, before_each=empty_inbox))
        r["peak_rss_mb_ingest"] = server.peak_rss_mb()
    finally:
        bench.unwatch()
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)

    # 2. the pipeline on, on a fresh store, the stub answering at once: a warm-up until the JIT is
    # idle; the drain of a backlog loaded as fast as it goes; end to end at the fixed rates
    extra_env = fresh_env(extra_env)
    data_dir = os.path.join(bench.workdir, f"{name}-data")
    http("POST", stub_url + "/control/reset")
    port = free_port()
    server = Server(f"{name}-pipeline", java, port, env=bridge_env(port, data_dir, stub_url, extra_env),
                    logdir=bench.workdir).start()
    url = f"http://127.0.0.1:{port}/webhooks/whatsapp"
    bench.watch(server)
    extras = []
    try:
        log(f"Switchboard {name} (pipeline on) healthy in {server.startup_seconds:.2f}s")
        # more instances of the scaled mode on the same database and vhost: webhooks still go to the
        # first; the others take their share of the queues and the outbox; all count as the server
        for i in range(2, (a.scaled_instances if name == "scaled" else 1) + 1):
            extra_port = free_port()
            extras.append(Server(f"{name}-pipeline-{i}", java, extra_port,
                                 env=bridge_env(extra_port, f"{data_dir}-{i}", stub_url, extra_env),
                                 logdir=bench.workdir).start())
            log(f"Switchboard {name} instance {i} (pipeline on) healthy in {extras[-1].startup_seconds:.2f}s")
        if extras:
            bench.sampler.roles["server"] = lambda: server.pids() + [p for e in extras for p in e.pids()]
            r["instances"] = 1 + len(extras)
        def warm(label, rate, cap):
            """A warm-up end to end at `rate` until C2 is idle (at most `cap` s), then until what it
            left has been delivered."""
            w = bench.warm_until_compiled(server, url, label, rate=rate, stub=stub_url, cap=cap)
            w["settle_seconds"] = settle(stub_url, a.drain_timeout)
            log(f"  what the warm-up left was delivered within {w['settle_seconds']}s")
            return w

        r["e2e_warmup"] = warm(f"{name}-e2e-warmup", a.sb_warmup_rate, a.e2e_jit_warmup)
        # the drain's minute of full load finishes what C2 compiles for batches; the per-message
        # paths of a low rate are still being compiled when end to end is measured, unless
        # --e2e-steady-warmup warms each rate first (40 s at 500 msg/s leave C2 busy on two cores)
        r["drain"] = drain(bench, server, url, stub_url, name)
        after_drain()
        for rate in a.e2e_rates:
            if a.e2e_steady_warmup > 0:
                # at a low rate the per-message paths reach C2's thresholds slowly: without this, the
                # JIT is still compiling them during the measured window (see docs/BENCHMARKS.md)
                r[f"e2e_{rate}_warmup"] = warm(f"{name}-e2e{rate}-warmup", rate, a.e2e_steady_warmup)
            r[f"e2e_{rate}"] = bench.load(server, url, "rate", f"{name}-e2e{rate}", rate=rate, stub=stub_url)
        r["peak_rss_mb"] = server.peak_rss_mb()
    finally:
        bench.unwatch()
        for i, extra in enumerate(extras, start=2):
            extra.stop()
            shutil.rmtree(f"{data_dir}-{i}", ignore_errors=True)
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    results[name] = r


POSTGRES_COMMANDS = {"postgres"}
RABBITMQ_COMMANDS = {"beam.smp", "epmd", "erl_child_setup", "inet_gethost"}


def pids_of(commands):
    """The processes whose command is one of `commands`."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/comm") as f:
                    if f.read().strip() in commands:
                        pids.append(int(entry))
            except OSError:
                pass
    return pids


def postgres_pids():
    """PostgreSQL's processes: part of the server under test in the scaled mode."""
    return pids_of(POSTGRES_COMMANDS)


def rabbitmq_pids():
    """RabbitMQ's processes: part of the server under test in the scaled mode and the broker floor."""
    return pids_of(RABBITMQ_COMMANDS)


def prepare_scaled(jar):
    """A fresh database and vhost of the benchmark's own on the local PostgreSQL and RabbitMQ."""
    with zipfile.ZipFile(jar) as z:
        if not any(n.startswith("com/rabbitmq/client/") for n in z.namelist()):
            raise RuntimeError("this Switchboard jar has no RabbitMQ support yet (no com.rabbitmq.client in it)")
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c"]
    subprocess.run(psql + ["DROP DATABASE IF EXISTS switchboard_bench WITH (FORCE)"], check=True,
                   capture_output=True)
    subprocess.run(psql + ["CREATE DATABASE switchboard_bench"], check=True, capture_output=True)
    ctl = ["rabbitmqctl", "-q"]
    subprocess.run(ctl + ["delete_vhost", "switchboard_bench"], capture_output=True)
    subprocess.run(ctl + ["add_vhost", "switchboard_bench"], check=True, capture_output=True)
    subprocess.run(ctl + ["set_permissions", "-p", "switchboard_bench", "guest", ".*", ".*", ".*"], check=True,
                   capture_output=True)
    return {
        "SWITCHBOARD_QUEUE": "rabbitmq",
        "DATASOURCES_DEFAULT_URL": "jdbc:postgresql://127.0.0.1:5432/switchboard_bench",
        "DATASOURCES_DEFAULT_USERNAME": "postgres",
        "DATASOURCES_DEFAULT_PASSWORD": "",
        "RABBITMQ_URI": "amqp://guest:guest@127.0.0.1:5672/switchboard_bench",
    }


def vacuum_scaled():
    """VACUUM ANALYZE of the bench database when the server's autovacuum is off (as on the CI machine):
    what autovacuum does in production after a drain deleted 100,000 outbox rows; otherwise the end
    to end runs after the drain would measure the dead rows."""
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "switchboard_bench", "-At", "-c"]
    on = subprocess.run(psql + ["SHOW autovacuum"], capture_output=True, text=True).stdout.strip()
    if on != "on":
        began = time.time()
        subprocess.run(psql + ["VACUUM ANALYZE"], check=True, capture_output=True)
        log(f"  autovacuum is {on or 'unknown'} on this PostgreSQL: VACUUM ANALYZE after the drain took "
            f"{time.time() - began:.1f}s")


def purge_scaled_ingest():
    """Empties the bench vhost's ingest queue (what an accept-only instance left unconsumed)."""
    subprocess.run(["rabbitmqctl", "-q", "purge_queue", "-p", "switchboard_bench", "switchboard.ingest"],
                   capture_output=True)


# ---------------------------------------------------------------- report

def machine():
    model = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(f.readline().split()[1])
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    node = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    return {"nproc": os.cpu_count(), "cpu": model, "memory_gb": round(mem_kb / 1024 / 1024, 1),
            "kernel": platform.release(), "java": java, "node": node,
            "loadavg_at_start": open("/proc/loadavg").read().split()[:3]}


def f0(x):
    return "—" if x is None else f"{x:,.0f}"


def fms(x):
    if x is None:
        return "—"
    return f"{x:.2f}" if x < 10 else f"{x:.1f}" if x < 100 else f"{x:,.0f}"


def noisy(res):
    """† when other processes and the hypervisor took more than DISTURBED_CORES during the measured window."""
    return " †" if disturbance((res or {}).get("cpu_cores")) > DISTURBED_CORES else ""


def lat(res):
    if not res or not res.get("latency_ms"):
        return "—"
    l = res["latency_ms"]
    s = f"{fms(l['p50'])} / {fms(l['p99'])} / {fms(l['p999'])}"
    behind = res.get("incomplete", 0) > 0 or res["throughput"] < 0.9 * res["target_rate"] or res.get("errors")
    bad = {k: v for k, v in res.get("statuses", {}).items() if k != "200"}
    if behind:
        s += f" (fell behind: {f0(res['throughput'])}/s)"
    if bad:
        s += " (" + ", ".join(f"{v}×{k}" for k, v in bad.items()) + ")"
    return s + noisy(res)


SERVERS = [("floor", "floor: plain Netty, HMAC, append, no fsync"),
           ("broker-floor", "broker floor: plain Netty, HMAC, RabbitMQ publish, 200 after confirm"),
           ("express1", "Express, 1 process"),
           ("express2", "Express, 2 processes (cluster)"),
           ("embedded", "Switchboard, embedded (H2)"),
           ("scaled", "Switchboard, PostgreSQL + RabbitMQ")]


SHORT = {"floor": "floor", "broker-floor": "broker floor", "express1": "Express, 1 process", "express2": "Express, 2 processes",
         "embedded": "SB embedded", "scaled": "SB PG+RabbitMQ"}


def e2e_cell(res):
    x = (res or {}).get("e2e_ms")
    if not x or "p50" not in x:
        return "—"
    miss = f" ({x['missing']} missing)" if x.get("missing") else ""
    return f"{fms(x['p50'])} / {fms(x['p99'])} / {fms(x['p999'])}{miss}{noisy(res)}"


def report(results, meta, args):
    lines = []
    rates = args.rates
    lines.append("### Ingest: signed 1–2 KB WhatsApp webhooks, `POST /webhooks/whatsapp`")
    lines.append("")
    lines.append("Switchboard here is an accept-only instance (`SWITCHBOARD_PIPELINE_ENABLED=false`): it does what "
                 "the floor and Express do (check the signature, store the bytes durably, answer). Its accept "
                 "latency while the pipeline works is in the end-to-end table.")
    lines.append("")
    lines.append("| server | saturation req/s (" + str(args.connections) + " conns) | "
                 + " | ".join(f"{r:,} req/s: p50 / p99 / p99.9 ms" for r in rates) + " | peak RSS MB |")
    lines.append("|---|---:|" + "---:|" * len(rates) + "---:|")
    for key, title in SERVERS:
        r = results.get(key)
        if not r:
            continue
        if isinstance(r, dict) and r.get("skipped"):
            lines.append(f"| {title} | skipped: {r['skipped']} |" + " |" * (len(rates) + 1))
            continue
        rss = r.get("peak_rss_mb_ingest", r.get("peak_rss_mb"))
        lines.append(f"| {title} | {f0(r['saturation']['throughput'])}{noisy(r['saturation'])} | "
                     + " | ".join(lat(r.get(f"rate_{x}")) for x in rates) + f" | {f0(rss)} |")
    lines.append("")
    lines.append(f"† others (processes, and the hypervisor's steal) took more than {DISTURBED_CORES} cores during that run "
                 "(see the CPU table).")
    lines.append("")
    floor = results.get("floor", {}).get("saturation", {}).get("throughput")
    bfloor = results.get("broker-floor", {}).get("saturation", {}).get("throughput")
    e1 = results.get("express1", {}).get("saturation", {}).get("throughput")
    e2 = results.get("express2", {}).get("saturation", {}).get("throughput")
    sw = [(k, t) for k, t in SERVERS if k in ("embedded", "scaled") and results.get(k) and not results[k].get("skipped")]
    if sw:
        lines.append("### Ratios (saturation throughput)")
        lines.append("")
        lines.append("| Switchboard | ÷ floor (target ≥ 0.6) | ÷ broker floor (target ≥ 0.7 scaled) | ÷ Express 1 process "
                     "| ÷ Express 2 processes (target ≥ 2) |")
        lines.append("|---|---:|---:|---:|---:|")
        for k, t in sw:
            s = results[k]["saturation"]["throughput"]
            cells = [f"{s / x:.2f}" if x else "—" for x in (floor, bfloor, e1, e2)]
            lines.append(f"| {t} | " + " | ".join(cells) + " |")
        lines.append("")
        lines.append("### Switchboard: end to end, drain, start-up, memory")
        lines.append("")
        e2e_rates = args.e2e_rates
        lines.append("| mode | " + " | ".join(f"e2e {x:,} msg/s p50 / p99 / p99.9 ms" for x in e2e_rates) + " | "
                     + " | ".join(f"accept at {x:,}/s, pipeline on: p50 / p99 / p99.9 ms" for x in e2e_rates)
                     + " | drain of the backlog, msg/s | start-up to healthy s | JIT warm-up s | peak RSS MB "
                     "(ingest / pipeline) |")
        lines.append("|---|" + "---:|" * (2 * len(e2e_rates) + 4))
        for k, t in sw:
            r = results[k]
            d = r.get("drain", {})
            drain = f0(d.get("rate"))
            if d.get("backlog"):
                drain += (f" ({d['delivered']:,} of {d['backlog']:,} in {d.get('seconds_first_to_last')} s"
                          if d.get("delivered", 0) < d["backlog"]
                          else f" ({d['backlog']:,} in {d.get('seconds_first_to_last')} s")
                if d.get("waiting_when_loaded") is not None:
                    drain += f"; {d['waiting_when_loaded']:,} waiting when loaded"
                drain += ")"
            drain += noisy(d)
            warm = (r.get("warmup") or {}).get("seconds")
            label = t + (f", {r['instances']} pipeline instances" if r.get("instances", 1) > 1 else "")
            lines.append(f"| {label} | " + " | ".join(e2e_cell(r.get(f"e2e_{x}")) for x in e2e_rates) + " | "
                         + " | ".join(lat(r.get(f"e2e_{x}")) for x in e2e_rates)
                         + f" | {drain} | {r.get('startup_s')} | {f0(warm)} | "
                         f"{f0(r.get('peak_rss_mb_ingest'))} / {f0(r.get('peak_rss_mb'))} |")
        lines.append("")
        lines.append("### Targets")
        lines.append("")
        for k, t in sw:
            r = results[k]
            s = r["saturation"]["throughput"]
            checks = []
            if floor:
                checks.append(("durable ingest ≥ 0.6× floor", f"{s / floor:.2f}×", s >= 0.6 * floor))
            if bfloor and k == "scaled":
                checks.append(("scaled ingest ≥ 0.7× broker floor", f"{s / bfloor:.2f}×", s >= 0.7 * bfloor))
            if e2:
                checks.append(("durable ingest ≥ 2× Express on 2 processes", f"{s / e2:.2f}×", s >= 2 * e2))
            p99 = (r.get("rate_1000", {}).get("latency_ms") or {}).get("p99")
            if p99 is not None:
                checks.append(("accept p99 ≤ 5 ms at 1,000 req/s", f"{fms(p99)} ms", p99 <= 5))
            p99 = (r.get("e2e_1000", {}).get("latency_ms") or {}).get("p99")
            if p99 is not None:
                checks.append(("(also) accept p99 ≤ 5 ms at 1,000 req/s with the pipeline working",
                               f"{fms(p99)} ms", p99 <= 5))
            e = (r.get("e2e_200", {}).get("e2e_ms") or {}).get("p99")
            if e is not None:
                checks.append(("end-to-end p99 ≤ 25 ms at 200 msg/s", f"{fms(e)} ms", e <= 25))
            for what, value, ok in checks:
                lines.append(f"- {t}: {what}: {value} — **{'met' if ok else 'NOT met'}**")
        lines.append("")
    lines.append("### CPU during each measured window (cores; the machine has "
                 f"{meta['machine']['nproc']})")
    lines.append("")
    lines.append("| run | server | PostgreSQL | RabbitMQ | driver | stub | other processes | stolen by the host |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|---:|")
    for key, _ in SERVERS:
        r = results.get(key)
        if not r or r.get("skipped"):
            continue
        runs = ["saturation"] + [f"rate_{x}" for x in args.rates] + ["drain"] + [f"e2e_{x}" for x in args.e2e_rates]
        for run_key in runs:
            c = (r.get(run_key) or {}).get("cpu_cores")
            if c:
                pg = f"{c['postgres']:.2f}" if "postgres" in c else "—"
                # runs saved before the two were told apart counted them together as "services"
                rmq = f"{c['rabbitmq']:.2f}" if "rabbitmq" in c else (
                    f"{c['services']:.2f} (with PostgreSQL)" if "services" in c else "—")
                lines.append(f"| {key} {run_key.replace('_', ' ')} | {c.get('server', 0):.2f} | {pg} | {rmq} | "
                             f"{c.get('driver', 0):.2f} | {c.get('stub', 0):.2f} | {max(0, c.get('other', 0)):.2f} | "
                             f"{c.get('steal', 0):.2f} |")
    lines.append("")
    return "\n".join(lines)


def chart(results, args, png, tsv):
    """The latency-against-rate PNG, drawn by the driver jar's chart command from a TSV."""
    with open(tsv, "w") as f:
        for key, title in SERVERS:
            r = results.get(key)
            if not r or r.get("skipped"):
                continue
            short = SHORT[key]
            for rate in args.rates:
                x = r.get(f"rate_{rate}")
                if x and x.get("latency_ms"):
                    f.write(f"{short}{' accept' if key in ('embedded', 'scaled') else ''}\t{rate}\t"
                            f"{x['latency_ms']['p50']}\t{x['latency_ms']['p99']}\n")
            for rate in args.e2e_rates:
                x = (r.get(f"e2e_{rate}") or {}).get("e2e_ms")
                if x and "p50" in x:
                    f.write(f"{short} end to end\t{rate}\t{x['p50']}\t{x['p99']}\n")
    subprocess.run(["java", "-jar", DRIVER_JAR, "chart", "--in", tsv, "--out", png], check=True)


# ---------------------------------------------------------------- main

def interrupted(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")  # so that every server is stopped on the way out


def main():
    signal.signal(signal.SIGTERM, interrupted)
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--jar", default=os.path.join(REPO, "bootstrap", "target", "switchboard.jar"))
    p.add_argument("--only", default="floor,broker-floor,express1,express2,embedded,scaled",
                   help="comma list of floor, broker-floor, express1, express2, embedded, scaled")
    p.add_argument("--rates", default="500,1000,2000", help="ingest rates (req/s)")
    p.add_argument("--e2e-rates", default="200,1000", help="end-to-end rates (msg/s), Switchboard only")
    p.add_argument("--duration", type=float, default=5, help="measured seconds per run")
    p.add_argument("--warmup", type=float, default=1, help="warm-up seconds before each fixed-rate run")
    p.add_argument("--sat-warmup", type=float, default=2, help="warm-up seconds before each saturation run")
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--pool", type=int, default=200000, help="distinct webhooks made for a saturation run")
    p.add_argument("--backlog", type=int, default=100000, help="backlog drained by Switchboard")
    p.add_argument("--scaled-instances", type=int, default=1,
                   help="pipeline instances of the scaled mode on one database and vhost (webhooks go to the first)")
    p.add_argument("--jit-warmup", type=float, default=30,
                   help="most seconds a JVM server is loaded before it is measured, waiting for its JIT")
    p.add_argument("--jit-idle", type=float, default=0.05,
                   help="JIT compiler cores below which a warmed-up JVM counts as compiled")
    p.add_argument("--sb-warmup-rate", type=int, default=500,
                   help="rate of the warm-up before Switchboard's end-to-end runs")
    p.add_argument("--drain-timeout", type=float, default=60,
                   help="seconds the drain may go on after the backlog is loaded before it is cut off")
    p.add_argument("--e2e-jit-warmup", type=float, default=20,
                   help="most seconds a pipeline instance is warmed up before the end-to-end runs")
    p.add_argument("--e2e-steady-warmup", type=float, default=0,
                   help="most seconds each end-to-end rate is first run unmeasured, until the JIT is idle "
                        "(0: not at all, as in the whole run; the steady state needs minutes at 200 msg/s)")
    p.add_argument("--e2e-wait", type=float, default=5, help="seconds to wait for the last arrivals after a run")
    p.add_argument("--jvm-options", default=JVM_OPTIONS,
                   help="java argument file of Switchboard's JVM options (default: the recommended"
                        " bootstrap/jvm.options); 'none' for the JVM's defaults")
    p.add_argument("--bridge-jvm-opts", default="",
                   help="extra JVM options for Switchboard (e.g. JFR), after --jvm-options")
    p.add_argument("--quiet-wait", type=float, default=60,
                   help="seconds to wait before a run while other processes use the CPU")
    p.add_argument("--quiet-budget", type=float, default=15,
                   help="most seconds waited that way in a whole run (0: never wait)")
    p.add_argument("--retries", type=int, default=1,
                   help="repeats of a run during which other processes used more than --quiet-cores")
    p.add_argument("--quiet-cores", type=float, default=DISTURBED_CORES,
                   help="cores taken by others (processes, steal) above which a run counts as disturbed")
    p.add_argument("--out", default=os.path.join(HERE, "results"))
    p.add_argument("--report", help="re-print the tables and redraw the chart of a saved results .json, no run")
    args = p.parse_args()
    args.rates = [int(x) for x in args.rates.split(",") if x]
    args.e2e_rates = [int(x) for x in args.e2e_rates.split(",") if x]
    only = set(args.only.split(","))
    if args.report:
        with open(args.report) as f:
            saved = json.load(f)
        for k in ("rates", "e2e_rates", "connections", "backlog"):
            setattr(args, k, saved["meta"]["args"].get(k, getattr(args, k)))
        print(report(saved["results"], saved["meta"], args))
        png = args.report[:-len(".json")] + ".png"
        with tempfile.TemporaryDirectory() as tmp:
            chart(saved["results"], args, png, os.path.join(tmp, "chart.tsv"))
        print(f"chart: {png}")
        return

    stamp = time.strftime("%Y%m%d-%H%M%S")
    workdir = os.path.join(HERE, "work", stamp)
    os.makedirs(workdir, exist_ok=True)
    os.makedirs(args.out, exist_ok=True)
    jar = build(args, only)
    if only & {"embedded", "scaled"}:
        copy = os.path.join(workdir, "switchboard.jar")  # the project's jar may be rebuilt under us
        shutil.copy(jar, copy)
        jar = copy
    meta = {"started": stamp, "machine": machine(), "args": {k: v for k, v in vars(args).items()
                                                             if not callable(v)}}
    log(f"machine: {meta['machine']}")
    bench = Bench(args, workdir)
    results = {}
    if "floor" in only:
        run_floor(bench, results)
    if "broker-floor" in only:
        run_broker_floor(bench, results)
    if "express1" in only:
        run_express(bench, results, 1)
    if "express2" in only:
        run_express(bench, results, 2)
    if only & {"embedded", "scaled"}:
        stub_port = free_port()
        stub_url = f"http://127.0.0.1:{stub_port}"
        stub = Server("genesys-stub", ["java", "-jar", DRIVER_JAR, "stub", "--port", str(stub_port)], stub_port,
                      logdir=workdir).start(health="/control/count")
        bench.sampler.roles["stub"] = stub.pids
        try:
            if "embedded" in only:
                run_switchboard(bench, results, "embedded", jar, {}, stub_url, stub)
            if "scaled" in only:
                try:
                    env = prepare_scaled(jar)
                    bench.sampler.roles["postgres"] = postgres_pids
                    bench.sampler.roles["rabbitmq"] = rabbitmq_pids
                    run_switchboard(bench, results, "scaled", jar, env, stub_url, stub,
                                    fresh_env=lambda _env: prepare_scaled(jar), empty_inbox=purge_scaled_ingest,
                                    after_drain=vacuum_scaled)
                except (RuntimeError, subprocess.CalledProcessError, OSError) as e:
                    reason = str(e).splitlines()[0][:300] if str(e) else type(e).__name__
                    log(f"PostgreSQL + RabbitMQ mode skipped: {reason}")
                    results["scaled"] = {"skipped": reason}
        finally:
            bench.sampler.roles.pop("stub", None)
            bench.sampler.roles.pop("postgres", None)
            bench.sampler.roles.pop("rabbitmq", None)
            stub.stop()
    bench.sampler.running = False
    meta["elapsed_s"] = round(time.time() - T0, 1)
    table = report(results, meta, args)
    png = os.path.join(args.out, f"{stamp}.png")
    try:
        chart(results, args, png, os.path.join(workdir, "chart.tsv"))
    except (subprocess.CalledProcessError, OSError) as e:
        log(f"no chart: {e}")
        png = None
    m = meta["machine"]
    md = [f"# Benchmark run {stamp}", "",
          f"Machine: {m['nproc']} cores ({m['cpu']}), {m['memory_gb']} GB, Linux {m['kernel']}, {m['java']}, "
          f"Node {m['node']}; load average at start {' '.join(m['loadavg_at_start'])}. Elapsed "
          f"{meta['elapsed_s']} s.", "", table]
    if png:
        md += [f"![latency against rate]({os.path.basename(png)})", ""]
    with open(os.path.join(args.out, f"{stamp}.md"), "w") as f:
        f.write("\n".join(md))
    with open(os.path.join(args.out, f"{stamp}.json"), "w") as f:
        json.dump({"meta": meta, "results": results}, f, indent=1)
    print(table)
    print(f"results: {os.path.join(args.out, stamp)}.md/.json" + (f"/.png" if png else "")
          + f"; elapsed {meta['elapsed_s']} s", flush=True)


if __name__ == "__main__":
    main()
