#!/usr/bin/env python3
"""One measured window of the scaled mode at a fixed end-to-end rate, with what each part costs.

Starts the Genesys stub and one Switchboard instance on a fresh database and vhost (as benchmarks/run
does), loads it at --rate for --warmup seconds (VACUUM ANALYZE after the first 40, as autovacuum
would), then measures --seconds more and prints: CPU per message of the bridge, PostgreSQL,
RabbitMQ and the stub; the accept and end-to-end percentiles; what the JIT compiled in the window
(jstat); the statements PostgreSQL ran in the window (pg_stat_statements, when the server loads it:
shared_preload_libraries = 'pg_stat_statements'); optionally a CPU profile by thread and frame
(async-profiler, kernel frames included).

usage: tools/scaled_window.py [--rate 200] [--seconds 20] [--warmup 220] [--jar JAR]
                              [--async-profiler DIR]   # DIR/bin/asprof and DIR/lib/libasyncProfiler.so
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
import bench as B  # noqa: E402


def jstat_compiled(pid):
    """(compilations, seconds compiling) so far."""
    out = subprocess.run(["jstat", "-compiler", str(pid)], capture_output=True, text=True).stdout.split("\n")
    fields = out[1].split()
    return int(fields[0]), float(fields[3])


def psql(database, sql):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-At", "-c", sql],
                          capture_output=True, text=True).stdout


def hot_spots(collapsed, top=25):
    """By thread, then the frames most often on the stack, from async-profiler's collapsed output."""
    threads, inclusive, total = collections.Counter(), collections.Counter(), 0
    with open(collapsed) as f:
        for line in f:
            stack, n = line.rstrip().rsplit(" ", 1)
            frames = stack.split(";")
            n = int(n)
            total += n
            threads[re.sub(r"[-#]?\d+", "#", frames[0].strip("[]"))] += n
            for frame in set(frames[1:]):
                inclusive[frame] += n
    print(f"profile: {total} samples")
    for name, n in threads.most_common(top):
        print(f"  {100 * n / total:5.1f}%  {name}")
    print("  on the stack:")
    for name, n in inclusive.most_common(top * 2):
        print(f"  {100 * n / total:5.1f}%  {name[:140]}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rate", type=int, default=200)
    p.add_argument("--seconds", type=int, default=20)
    p.add_argument("--warmup", type=int, default=220)
    p.add_argument("--jar", default=os.path.join(B.REPO, "bootstrap", "target", "switchboard.jar"))
    p.add_argument("--async-profiler", dest="profiler")
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="scaled-window-")
    stub_port = B.free_port()
    stub_url = f"http://127.0.0.1:{stub_port}"
    stub = B.Server("genesys-stub", ["java", "-jar", B.DRIVER_JAR, "stub", "--port", str(stub_port)], stub_port,
                    logdir=work).start(health="/control/count")
    port = B.free_port()
    bridge = B.Server("bridge", B.bridge_command(a.jar, B.JVM_OPTIONS, None), port, logdir=work)
    try:
        bridge.env = B.bridge_env(port, os.path.join(work, "data"), stub_url, B.prepare_scaled(a.jar))
        bridge.start()
        url = f"http://127.0.0.1:{port}/webhooks/whatsapp"

        def load(warmup, seconds, out):
            return subprocess.Popen(
                ["java", "-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "-jar", B.DRIVER_JAR, "load", "--mode", "rate",
                 "--target", url, "--secret", B.APP_SECRET, "--label", "window", "--out", out,
                 "--connections", "64", "--rate", str(a.rate), "--warmup", str(warmup), "--duration", str(seconds),
                 "--stub", stub_url, "--e2e-wait", "3"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        first = min(40, a.warmup)
        load(0, first, os.path.join(work, "warm1.json")).wait()
        psql("switchboard_bench", "VACUUM ANALYZE")
        if a.warmup > first:
            load(0, a.warmup - first, os.path.join(work, "warm2.json")).wait()
        psql("postgres", "CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        psql("postgres", "SELECT pg_stat_statements_reset()")
        measured = os.path.join(work, "window.json")
        driver = load(3, a.seconds, measured)
        time.sleep(3)
        profiler = None
        if a.profiler:
            profiler = subprocess.Popen([os.path.join(a.profiler, "bin", "asprof"), "-d", str(a.seconds), "-e", "cpu",
                                         "-i", "1ms", "-t", "-o", "collapsed", "-f",
                                         os.path.join(work, "profile.txt"), str(bridge.proc.pid)])
        parts = {"bridge": bridge.pids, "postgres": B.postgres_pids, "rabbitmq": B.rabbitmq_pids,
                 "stub": stub.pids}

        def ticks():
            return {k: sum(B.cpu_ticks(pid) for pid in f()) for k, f in parts.items()}

        compiled_before = jstat_compiled(bridge.proc.pid)
        before, began = ticks(), time.time()
        time.sleep(a.seconds)
        after, ended = ticks(), time.time()
        compiled_after = jstat_compiled(bridge.proc.pid)
        driver.wait()
        if profiler:
            profiler.wait()
        with open(measured) as f:
            m = json.load(f)
        rate = m["throughput"]
        cores = {k: (after[k] - before[k]) / B.CLK_TCK / (ended - began) for k in parts}
        print(f"rate {rate:.0f} msg/s; cores " + ", ".join(f"{k} {v:.2f}" for k, v in cores.items()))
        print("CPU per message ms: " + ", ".join(f"{k} {1000 * v / rate:.2f}" for k, v in cores.items()))
        print("accept ms: " + ", ".join(f"{k} {m['latency_ms'].get(k)}" for k in ("p50", "p99", "p999")))
        print("end to end ms: " + ", ".join(f"{k} {m['e2e_ms'].get(k)}" for k in ("p50", "p90", "p99", "p999", "max",
                                                                                   "missing")))
        print(f"JIT in the window: {compiled_after[0] - compiled_before[0]} compilations, "
              f"{compiled_after[1] - compiled_before[1]:.2f} s compiling")
        print(f"statements in the window (calls, ms in all, ms each), about {rate * a.seconds:.0f} messages:")
        print(psql("postgres", "SELECT calls, round(total_exec_time::numeric, 1), round((total_exec_time / calls)::numeric, 3),"
                   " left(regexp_replace(query, '\\s+', ' ', 'g'), 100) FROM pg_stat_statements WHERE dbid ="
                   " (SELECT oid FROM pg_database WHERE datname = 'switchboard_bench') ORDER BY calls DESC LIMIT 20"))
        if profiler:
            hot_spots(os.path.join(work, "profile.txt"))
        print(f"(logs and recordings in {work})")
    finally:
        bridge.stop()
        stub.stop()


if __name__ == "__main__":
    main()
