"""Crawl benchmarks on loopback: throughput with politeness off, politeness limits when on, and
recovery of the synthetic world's posts (with their fields) by crawling its served sites.

Run: ``.venv/bin/python -m bench.bench_crawl [--pages 600] [--world OUT] [--port P]``.

1. throughput: one synthetic site (listing pages + post pages) served by a threaded server on
   127.0.0.1; crawled with politeness off; pages/s per site and in total.
2. politeness: the same site crawled with ``delay_s`` and ``concurrency`` set; the limiter's
   recorded start times and the server's own log must show no two requests closer than the delay
   and never more in flight than allowed.
3. world (``--world OUT``): generate or reuse a world, serve it (``vigil world serve`` when it
   exists, else a plain static server without obstacles, said so in the output), write the site
   files with ``vigil.collect.world_sites``, crawl, and compare every post in ``posts.jsonl``
   (title, text, author, location, posted_at, language, images) with what was stored; then crawl
   again and count what the second crawl fetched.

Timings are wall-clock on a shared machine: other work on it makes them noisy.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

from vigil.collect import crawl_sites
from vigil.collect.crawler import CrawlSettings
from vigil.collect.world_sites import write_site_files
from vigil.evidence import evidence_dir
from vigil.evidence.verify import verify
from vigil.ids import post_id, slug
from vigil.store import Store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Synthetic(SimpleHTTPRequestHandler):
    """A generated site: /list/N (20 links each) and /ad/N pages of ~6 KB."""

    pages = 600
    log: ClassVar[list[tuple[float, float]]] = []  # (start, end) of each request
    lock = threading.Lock()

    def log_message(self, *a: Any) -> None:
        pass

    def do_GET(self) -> None:
        t0 = time.monotonic()
        n_lists = (self.pages + 19) // 20
        parts = self.path.strip("/").split("/")
        if parts[0] == "robots.txt":
            body = b"User-agent: *\nAllow: /\n"
        elif parts[0] == "list" and len(parts) == 2 and parts[1].isdigit():
            k = int(parts[1])
            links = "".join(f'<a class="ad" href="/ad/{i}">ad {i}</a>' for i in range(k * 20, min((k + 1) * 20, self.pages)))
            nxt = f'<a class="next" href="/list/{k + 1}">next</a>' if k + 1 < n_lists else ""
            body = f"<html><body>{links}{nxt}</body></html>".encode()
        elif parts[0] == "ad" and len(parts) == 2 and parts[1].isdigit():
            i = int(parts[1])
            text = " ".join(f"word{(i * 7 + j) % 997}" for j in range(800))
            body = (f"<html><body><h1>Ad {i}</h1><span class='id'>{i}</span><div class='body'><p>{text}</p></div>"
                    f"</body></html>").encode()  # fmt: skip
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with self.lock:
            self.log.append((t0, time.monotonic()))


def _serve(handler: type, directory: str | None = None) -> tuple[ThreadingHTTPServer, int]:
    port = _free_port()
    srv = ThreadingHTTPServer(("127.0.0.1", port), handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv, port


SYN_SITE = """name: Bench {i}
start_urls: ["http://127.0.0.1:{port}/list/0"]
allow_loopback: true
politeness: {{delay_s: {delay}, concurrency: {conc}}}
links: {{listing: ["a.next"], post: ["a.ad"]}}
post: {{fields: {{id: ".id", title: "h1", text: "div.body"}}}}
revisit: {{listings_hours: 0, posts_hours: 0}}
"""


def throughput(pages: int, polite: bool, delay: float = 0.0, conc: int = 8) -> dict[str, Any]:
    _Synthetic.pages, _Synthetic.log = pages, []
    srv, port = _serve(_Synthetic)
    tmp = Path(tempfile.mkdtemp(prefix="vigil-bench-crawl-"))
    try:
        (tmp / "site.yaml").write_text(SYN_SITE.format(i=1, port=port, delay=delay, conc=conc))
        with Store.open(tmp / "ws", create=True) as store:
            t0 = time.perf_counter()
            report = crawl_sites(store, tmp / "site.yaml", CrawlSettings(polite=polite, concurrency=conc))
            secs = time.perf_counter() - t0
            ok = verify(evidence_dir(store.workspace), store.engine).ok
        h = report.sites["bench-1"]
        starts = sorted(s for s, _ in _Synthetic.log)
        gaps = [b - a for a, b in itertools.pairwise(starts)]
        ends = sorted(_Synthetic.log)
        in_flight = max(sum(1 for s, e in ends if s <= t < e) for t, _ in ends) if ends else 0
        return {"pages": h.pages, "posts": h.new_posts, "seconds": round(secs, 2),
                "pages_per_s": round(h.pages / secs, 1), "evidence_verified": ok,
                "server_min_gap_s": round(min(gaps), 4) if gaps else None, "server_max_in_flight": in_flight,
                "limiter": report.politeness}  # fmt: skip
    finally:
        srv.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)


class _Static(SimpleHTTPRequestHandler):
    world: Path = Path(".")

    def log_message(self, *a: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        parts = path.split("?", 1)[0].strip("/").split("/")
        if len(parts) >= 3 and parts[1] == "img":
            return str(self.world / "images" / "/".join(parts[2:]))
        return str(self.world / "sites" / "/".join(parts))


def _norm(v: Any) -> Any:
    return " ".join(str(v).split()) if v is not None else None


def compare(world: Path, store: Store) -> dict[str, Any]:
    truth = [json.loads(line) for line in (world / "posts.jsonl").open(encoding="utf-8")]
    ids = [post_id(slug(r["source"]), r["id"]) for r in truth]
    got = {p.id: p for p in store.get_posts(ids)}
    imgs = store.image_files(ids)
    fields = ("title", "text", "author", "location", "posted_at", "language", "images")
    layouts = {m.parent.name: json.loads(m.read_text())["layout"] for m in (world / "sites").glob("*/site.json")}
    not_on_page = {"messenger": {"location", "language"}}  # a chat export shows neither
    right = dict.fromkeys(fields, 0)
    shown = dict.fromkeys(fields, 0)
    all_right, cut, cut_wrong, missing, wrong_examples = 0, 0, 0, [], []
    for rec, pid in zip(truth, ids, strict=True):
        p = got.get(pid)
        if p is None:
            missing.append(f"{rec['source']}:{rec['id']}")
            continue
        ok_all = True
        incomplete = bool(p.extra.get("capture_incomplete"))
        cut += incomplete
        for f in fields:
            if f in not_on_page.get(layouts.get(rec["source"], ""), set()):
                continue
            shown[f] += 1
            if f == "images":
                want = sorted(Path(i).name for i in rec.get("images") or [])
                have = sorted(Path(ref).name for ref, _, _ in imgs.get(pid, []))
            elif f == "posted_at" and layouts.get(rec["source"]) == "messenger":  # shown to the minute
                want = _norm(rec.get(f, "")[:16])
                have = _norm(p.posted_at.isoformat()[:16]) if p.posted_at else None
            elif f == "posted_at":
                want = _norm(rec.get(f, "").replace("Z", "+00:00"))
                have = _norm(p.posted_at.isoformat()) if p.posted_at else None
            else:
                want, have = _norm(rec.get(f) or None), _norm(getattr(p, f) or None)
            if want == have:
                right[f] += 1
            else:
                ok_all = False
                if len(wrong_examples) < 8 and not incomplete:
                    wrong_examples.append({"post": f"{rec['source']}:{rec['id']}", "field": f, "want": str(want)[:80],
                                           "got": str(have)[:80]})  # fmt: skip
        all_right += ok_all
        cut_wrong += incomplete and not ok_all
    n = len(truth)
    return {"posts": n, "found": n - len(missing), "recovered_pct": round(100 * (n - len(missing)) / n, 2),
            "all_shown_fields_right_pct": round(100 * all_right / n, 2),
            "posts_flagged_capture_incomplete": cut, "of_which_fields_wrong": cut_wrong,
            "all_shown_fields_right_pct_excluding_flagged": round(100 * all_right / max(1, n - cut_wrong), 2),
            "field_right_pct_where_shown": {f: round(100 * right[f] / max(1, shown[f]), 2) for f in fields},
            "missing": missing[:10], "wrong_examples": wrong_examples}  # fmt: skip


def _cut_pages(warc_dir: Path) -> int:
    """Pages whose answer was cut off (``WARC-Truncated: disconnect``) at least once."""
    from warcio.archiveiterator import ArchiveIterator

    uris = set()
    for path in sorted(warc_dir.glob("*.warc.gz")):
        with path.open("rb") as f:
            for rec in ArchiveIterator(f):
                if rec.rec_headers.get_header("WARC-Truncated") == "disconnect":
                    uris.add(rec.rec_headers.get_header("WARC-Target-URI"))
    return len(uris)


def world_run(world: Path, port: int | None, fast: bool) -> dict[str, Any]:
    if not (world / "posts.jsonl").exists():
        subprocess.run([sys.executable, "-m", "vigil.cli", "world", "generate", "--seed", "7", "--size", "small",
                        str(world)], check=True)  # fmt: skip
    port = port or _free_port()
    tmp = Path(tempfile.mkdtemp(prefix="vigil-bench-world-"))
    vigil = Path(sys.executable).with_name("vigil")
    proc = None
    server = "vigil world serve (with obstacles)"
    help_text = subprocess.run([str(vigil), "world", "serve", "--help"], capture_output=True, text=True)
    if help_text.returncode == 0:
        proc = subprocess.Popen([str(vigil), "world", "serve", str(world), "--port", str(port)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
    else:
        server = "plain static server (world serve not available: NO obstacles)"
        _Static.world = world
        srv = ThreadingHTTPServer(("127.0.0.1", port), _Static)
        srv.daemon_threads = True
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        write_site_files(world, port, tmp / "sites", fast=fast)
        with Store.open(tmp / "ws", create=True) as store:
            t0 = time.perf_counter()
            first = crawl_sites(store, tmp / "sites", CrawlSettings(concurrency=16))
            t1 = time.perf_counter()
            result = compare(world, store)
            second = crawl_sites(store, tmp / "sites", CrawlSettings(concurrency=16))
            t2 = time.perf_counter()
            ver = verify(evidence_dir(store.workspace), store.engine)
            cut = _cut_pages(evidence_dir(store.workspace))
        def tot(rep: Any, key: str) -> int:
            return sum(getattr(h, key) for h in rep.sites.values())

        result.update({
            "server": server, "fast_politeness": fast, "first_crawl_s": round(t1 - t0, 1),
            "first": {k: tot(first, k) for k in ("pages", "new_posts", "images", "errors", "incomplete", "retries",
                                                   "robots_blocked")},
            "first_items": first.items, "second_crawl_s": round(t2 - t1, 1), "second_items": second.items,
            "second": {k: tot(second, k) for k in ("pages", "new_posts", "updated_posts", "unchanged", "not_modified",
                                                    "images", "errors")},
            "pages_cut_by_server_then_retried": cut, "evidence_verified": ver.ok, "evidence_problems": ver.problems[:5],
        })  # fmt: skip
        return result
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=600)
    ap.add_argument("--world", type=Path, default=None, help="a world folder (generated if empty)")
    ap.add_argument("--port", type=int, default=None)
    ap.add_argument("--fast", action="store_true", help="world: shorter politeness (demo settings)")
    ap.add_argument("--skip-synthetic", action="store_true")
    args = ap.parse_args()
    out: dict[str, Any] = {"machine": f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f} (shared: timings are noisy)"}
    if not args.skip_synthetic:
        out["throughput_politeness_off"] = throughput(args.pages, polite=False, conc=8)
        out["politeness_on_delay_0.05s_concurrency_1"] = throughput(60, polite=True, delay=0.05, conc=1)
        out["politeness_on_delay_0.02s_concurrency_2"] = throughput(60, polite=True, delay=0.02, conc=2)
    if args.world:
        out["world"] = world_run(args.world, args.port, args.fast)
    print(json.dumps(out, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
