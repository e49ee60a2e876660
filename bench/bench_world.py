"""World generator throughput and memory: posts/s and peak RSS, growing sizes, fresh process each.

Run: ``.venv/bin/python -m bench.bench_world [--posts 2000,20000,100000] [--no-sites] [--trace F]``. Each run
generates into a temporary folder in its own process, so peak RSS is that run's own. Sizes above
100,000 posts use the *large* layout (per-post truth streamed to truth_posts.jsonl, network post
lists not kept in memory), so comparing 20,000 with 200,000 shows whether memory stays flat. The
full ``large`` (1,000,000 posts, ~2-3 GB of pages) takes long on a shared 2-core machine: pass
``--posts 1000000`` when there is time, with ``--trace F`` to append one JSON line per 50,000 posts
(elapsed s, posts/s so far, current and peak RSS) to F while it runs, which shows whether memory is
flat over time and not only at the end. Timings on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from vigil.world.generate import generate
out, n, sites, trace = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "1", sys.argv[4]
t = time.perf_counter()

def rss_now():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return None

last = [0]

def progress(done, target):  # chunks end where an actor ends, so report on crossing each 50,000
    if trace and (done // 50_000 > last[0] or done == target):
        last[0] = done // 50_000
        el = time.perf_counter() - t
        with open(trace, "a") as f:
            f.write(json.dumps({"posts": done, "elapsed_s": round(el, 1), "posts_per_s": round(done / el),
                                "rss_mib": rss_now(),
                                "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}) + "\n")

s = generate(out, seed=1, size=n, write_sites=sites, on_progress=progress)
secs = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
import os  # os.walk, not Path.rglob: rglob remembers every path it yielded (800 MiB for a million pages)
disk = sum(os.stat(os.path.join(d, f)).st_size for d, _, fs in os.walk(out) for f in fs) / 2**20
print(json.dumps({"posts": s.posts, "seconds": round(secs, 2), "posts_per_s": round(s.posts / secs),
                  "peak_rss_mib": round(rss, 1), "disk_mib": round(disk, 1), "networks": s.networks,
                  "images": s.images, "sites": sites}))
"""


def run(n: int, sites: bool, tmp: Path, trace: str = "") -> dict[str, object]:
    r = subprocess.run([sys.executable, "-c", CHILD, str(tmp / "w"), str(n), "1" if sites else "0", trace],
                       capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(r.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", default="2000,20000,200000", help="comma-separated post counts")
    ap.add_argument("--no-sites", action="store_true", help="skip writing HTML pages (posts, truth, images only)")
    ap.add_argument("--trace", default="", help="append a JSON line per 50,000 posts (time, posts/s, RSS) to this file")
    args = ap.parse_args()
    print(f"{'posts':>9} {'sites':>5} {'seconds':>8} {'posts/s':>8} {'peak RSS MiB':>13} {'disk MiB':>9}")
    for n in (int(x) for x in args.posts.split(",")):
        tmp = Path(tempfile.mkdtemp(prefix="vigil-bench-world-"))
        try:
            r = run(n, not args.no_sites, tmp, args.trace)
            print(f"{r['posts']:>9} {('yes' if r['sites'] else 'no'):>5} {r['seconds']:>8} {r['posts_per_s']:>8} "
                  f"{r['peak_rss_mib']:>13} {r['disk_mib']:>9}", flush=True)  # fmt: skip
        finally:
            shutil.rmtree(tmp, ignore_errors=True)  # a large world is many files: this can take minutes


if __name__ == "__main__":
    main()
