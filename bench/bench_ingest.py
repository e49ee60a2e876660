"""Ingest throughput and memory: posts/s and peak RSS for growing JSONL files.

Run: ``.venv/bin/python -m bench.bench_ingest [--sizes 10000,100000]``. Each size runs in a fresh
process on a fresh workspace, so peak RSS is that ingest's own. Memory should stay flat as the
number of posts grows (the importer streams and commits in batches). Also checks that ingesting
the same file twice leaves exactly N posts.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

WORDS = ["neu", "in", "der", "Stadt", "nur", "diese", "Woche", "ruf", "an", "nowa", "w", "mieście", "tylko", "ten", "tydzień", "nouvelle", "à", "Paris", "appena", "arrivata", "chiamami", "room", "to", "rent", "near", "the", "station", "job", "abroad", "travel", "paid", "no", "experience", "работа", "за", "границей", "жильё", "бесплатно", "робота", "житло", "безкоштовно", "νέα", "κοπέλα", "στην", "Αθήνα"]


def make_file(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            rec = {
                "id": f"b{i}",
                "url": f"https://bench.example/{i % 20}/ad/{i}",
                "source": f"Bench site {i % 20}",
                "title": " ".join(rng.choices(WORDS, k=6)),
                "text": " ".join(rng.choices(WORDS, k=rng.randint(40, 120))) + f" tel 0151 {i:07d}",
                "author": f"user{rng.randint(0, 5000)}",
                "posted_at": f"2026-10-{1 + i % 28:02d}T{i % 24:02d}:00:00Z",
                "location": rng.choice(["Berlin", "Praha", "Warszawa", "Paris", "Αθήνα"]),
                "country": rng.choice(["DE", "CZ", "PL", "FR", "GR"]),
                "language": rng.choice(["de", "cs", "pl", "fr", "el"]),
                "images": [],
            }
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


CHILD = """
import json, resource, sys, time
from pathlib import Path
from vigil.ingest import ingest_files
from vigil.store import Store
path, ws = Path(sys.argv[1]), Path(sys.argv[2])
with Store.open(ws, create=True) as store:
    t0 = time.perf_counter(); first = ingest_files(store, [path]); t1 = time.perf_counter()
    second = ingest_files(store, [path]); t2 = time.perf_counter()
    n = store.count_posts()
print(json.dumps({"first_s": t1 - t0, "second_s": t2 - t1, "stored": first.stored, "posts_after_twice": n,
                  "second_unchanged": second.unchanged, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="10000,50000,100000")
    args = ap.parse_args()
    print(f"{'posts':>8} {'1st posts/s':>12} {'2nd posts/s':>12} {'peak RSS MB':>12} {'posts after 2x':>15}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            path = Path(tmp) / f"posts-{n}.jsonl"
            make_file(path, n)
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(path), str(Path(tmp) / f"ws-{n}")],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            r = json.loads(out.stdout)
            assert r["posts_after_twice"] == n == r["stored"] == r["second_unchanged"], r
            print(f"{n:>8} {n / r['first_s']:>12,.0f} {n / r['second_s']:>12,.0f} {r['peak_rss_mb']:>12.0f} {r['posts_after_twice']:>15}")


if __name__ == "__main__":
    main()
