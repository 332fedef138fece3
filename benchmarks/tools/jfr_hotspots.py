#!/usr/bin/env python3
"""Hot spots of a JFR recording: self time and inclusive time per method over the execution samples,
by thread group, and what threads park on (jdk.ThreadPark, jdk.JavaMonitorEnter).

usage: tools/jfr_hotspots.py recording.jfr [--top 25] [--thread-prefix NAME]
"""
import argparse
import collections
import json
import re
import subprocess


def events(jfr, kind, depth):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(depth), "--events", kind, jfr],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


def seconds(iso):
    """PT1M0.038S -> 60.038"""
    m = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", iso)
    if not m:
        return 0.0
    h, mi, s = m.groups()
    return int(h or 0) * 3600 + int(mi or 0) * 60 + float(s or 0)


def frame_name(f):
    m = f["method"]
    return f"{m['type']['name'].replace('/', '.')}.{m['name']}"


def thread_group(name):
    for prefix in ("default-nioEventLoopGroup", "io-executor", "dispatch-", "inbox-processor", "outbox-dispatcher",
                   "HikariPool", "C2 CompilerThread", "C1 CompilerThread", "GC", "G1"):
        if name.startswith(prefix):
            return prefix
    return name.rstrip("0123456789-")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("jfr")
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--thread-prefix", default=None)
    a = p.parse_args()
    samples = events(a.jfr, "jdk.ExecutionSample", 64)
    self_t = collections.Counter()
    incl = collections.Counter()
    groups = collections.Counter()
    n = 0
    for e in samples:
        v = e["values"]
        thread = (v.get("sampledThread") or {}).get("javaName") or "?"
        if a.thread_prefix and not thread.startswith(a.thread_prefix):
            continue
        frames = (v.get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        n += 1
        groups[thread_group(thread)] += 1
        self_t[frame_name(frames[0])] += 1
        for name in {frame_name(f) for f in frames}:
            incl[name] += 1
    print(f"{n} execution samples")
    print("\nby thread:")
    for g, c in groups.most_common(15):
        print(f"  {100 * c / n:5.1f}%  {g}")
    print("\nself (top frame):")
    for m, c in self_t.most_common(a.top):
        print(f"  {100 * c / n:5.1f}%  {m}")
    print("\ninclusive (on the stack):")
    for m, c in incl.most_common(a.top * 3):
        if "$$Lambda" not in m and any(s in m for s in (
                "dev.switchboard", "org.h2", "io.micronaut", "com.zaxxer", "io.netty", "java.net.http",
                "jdk.internal.net", "com.fasterxml", "org.postgresql", "com.rabbitmq")):
            print(f"  {100 * c / n:5.1f}%  {m}")
    for kind in ("jdk.JavaMonitorEnter", "jdk.ThreadPark"):
        try:
            evs = events(a.jfr, kind, 12)
        except subprocess.CalledProcessError:
            continue
        where = collections.Counter()
        total = collections.Counter()
        for e in evs:
            frames = (e["values"].get("stackTrace") or {}).get("frames") or []
            key = next((frame_name(f) for f in frames if not frame_name(f).startswith(("java.", "jdk.", "sun."))),
                       frame_name(frames[0]) if frames else "?")
            secs = seconds(e["values"].get("duration", "PT0S"))
            where[key] += 1
            total[key] += secs
        print(f"\n{kind}: {len(evs)} events; by first application frame (count, total seconds):")
        for k, c in sorted(total.items(), key=lambda kv: -kv[1])[:12]:
            print(f"  {where[k]:6d} {c:9.2f}s  {k}")


if __name__ == "__main__":
    main()
