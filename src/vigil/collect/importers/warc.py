"""WARC files from other capture tools (Webrecorder, wget --warc-file, Heritrix, …).

The file is first copied unchanged into the evidence store and sealed into the manifest chain;
then every HTML response (status 200) becomes a post, read with the site file whose scope claims
its URL (post pages only, by the site's ``post_pattern``), or with the generic extractor under
``--source`` when no site file claims it. Image responses in the same file are stored and linked
to the posts that show them. Each post's history points at its record in the copied file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from vigil.collect import history
from vigil.collect.parse import extract_post, is_post_url, parse_html
from vigil.collect.sites import Site, load_sites
from vigil.collect.watch import check_posts
from vigil.errors import RecordError, VigilError
from vigil.evidence import evidence_dir
from vigil.evidence.warc import RecordRef, WarcStore
from vigil.ingest import IngestReport
from vigil.ingest.records import to_post
from vigil.model import Post, parse_utc, utcnow
from vigil.store import Store
from vigil.store.images import MAX_IMAGE_BYTES, sniff_media_type

MAX_PAGE_BYTES = 10 * 1024 * 1024


def _site_for(url: str, sites: Sequence[Site]) -> Site | None:
    for s in sites:
        if s.in_scope(url):
            return s
    return None


def import_warc(store: Store, paths: Sequence[Path], *, sites_path: Path | None = None,
                source: str | None = None) -> IngestReport:  # fmt: skip
    sites = load_sites(sites_path) if sites_path else []
    for p in paths:
        if not Path(p).is_file():
            raise VigilError(f"{p}: no such file")
    report = IngestReport()
    started = utcnow()
    for path in paths:
        with WarcStore(evidence_dir(store.workspace)) as warc:
            name, index = warc.adopt(Path(path))
        refs = [RecordRef(r["record_id"], name, r["offset"], r["length"], r["type"] or "", r["uri"], r["date"] or "",
                          r["block_digest"], r["payload_digest"]) for r in index]  # fmt: skip
        history.save_records(store.engine, refs, None)
        _read(store, evidence_dir(store.workspace) / name, sites, source, report)
    store.record_ingest(None, [f"{p} (WARC import)" for p in paths], report.counts(), started)
    return report


def _read(store: Store, path: Path, sites: Sequence[Site], source: str | None, report: IngestReport) -> None:
    images: dict[str, str] = {}  # url -> sha256
    posts: list[tuple[Post, str, int]] = []
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f):
            if rec.rec_type != "response" or rec.http_headers is None:
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI") or ""
            rid = rec.rec_headers.get_header("WARC-Record-ID")
            status = int(rec.http_headers.get_statuscode() or 0)
            ctype = (rec.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
            body = rec.content_stream().read(MAX_PAGE_BYTES + 1)
            if status != 200 or len(body) > MAX_PAGE_BYTES:
                continue
            if ctype.startswith("image/") or sniff_media_type(body[:16]):
                if len(body) <= MAX_IMAGE_BYTES and sniff_media_type(body):
                    images[url] = store.add_image(body, sniff_media_type(body))
                continue
            if ctype not in ("text/html", "application/xhtml+xml", ""):
                continue
            site = _site_for(url, sites)
            if site is not None and site.post_pattern and not is_post_url(site, url):
                continue
            name = site.name if site else source
            if not name:
                continue  # no site claims it and no --source: not ours to read
            report.read += 1
            doc = parse_html(body)
            where = (str(path), url)
            if doc is None:
                _reject(report, RecordError(str(path), url, None, "empty or unreadable page"))
                continue
            fake = site or Site(name=name, start_urls=(url,))
            rec_dict = extract_post(doc, url, fake)
            src = store.ensure_source(name, kind=fake.kind if site else None, country=fake.country)
            try:
                captured = parse_utc(rec.rec_headers.get_header("WARC-Date"))
                posts.append((to_post(rec_dict, src.id, where, captured_at=captured, raw=body), rid, status))
            except (RecordError, ValueError) as err:
                _reject(report, err if isinstance(err, RecordError) else RecordError(str(path), url, "WARC-Date", str(err)))
    for i in range(0, len(posts), 1000):
        chunk = posts[i : i + 1000]
        counts = store.upsert_posts([p for p, _, _ in chunk])
        report.add(counts)
        for post, rid, status in chunk:
            history.note_version(store.engine, post, rid, status)
            for img in post.images:
                if img in images:
                    history.link_image(store, post.id, img, images[img])
        changed = set(counts.changed_ids)
        check_posts(store.engine, [p for p, _, _ in chunk if p.id in changed])


def _reject(report: IngestReport, err: RecordError) -> None:
    report.rejected += 1
    if len(report.errors) < report.MAX_KEPT_ERRORS:
        report.errors.append(err)
