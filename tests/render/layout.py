#!/usr/bin/python3
"""layout.py - every page of a site in headless Chromium at phone and desktop widths.

    python3 layout.py SITE_DIR [--widths 390,1280] [--shots OUT_DIR PAGE...]

Drives Debian's chromium over the DevTools protocol (python3-websocket). For each page and
width it loads the page into a viewport of that width and fails (exit 1, one line per defect
on stdout) when:
  - the page scrolls sideways: document.documentElement.scrollWidth > the viewport's width;
  - a text node is clipped: part of it lies outside an ancestor whose overflow is hidden or
    clip (an SVG's viewport counts: a chart label cut off is clipped);
  - a name wraps one character a line: a text node of 2 to 12 characters laid out on as many
    lines as it has characters.
Text in a box that scrolls on its own (overflow auto) is not clipped: it can be reached.
With --shots, writes OUT_DIR/NAME-WIDTH.png (the whole page) for each PAGE (a site path).
Exit 0 when every page passes, 1 on a defect, 2 when Chromium could not be driven.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

CHECK = r"""
(() => {
  const de = document.documentElement;
  const res = { sw: de.scrollWidth, vw: de.clientWidth, clipped: [], wrapped: [] };
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = w.nextNode())) {
    const text = n.textContent.trim();
    if (!text) continue;
    const el = n.parentElement;
    if (!el || el.closest('title')) continue;
    const r = document.createRange();
    r.selectNodeContents(n);
    const rects = Array.from(r.getClientRects()).filter(q => q.width > 0 && q.height > 0);
    if (!rects.length) continue;
    for (let a = el; a && a !== de; a = a.parentElement) {
      const cs = getComputedStyle(a);
      const hid = v => v === 'hidden' || v === 'clip';
      if (!hid(cs.overflowX) && !hid(cs.overflowY)) continue;
      const b = a.getBoundingClientRect();
      const out = rects.some(q => q.left < b.left - 1 || q.right > b.right + 1 ||
                                  q.top < b.top - 1 || q.bottom > b.bottom + 1);
      if (out) { res.clipped.push(text.slice(0, 40) + ' (in <' + a.tagName.toLowerCase() + '>)'); break; }
    }
    const chars = Array.from(text).length;
    if (chars >= 2 && chars <= 12) {
      const tops = new Set(rects.map(q => Math.round(q.top)));
      if (tops.size >= 2 && tops.size >= chars) res.wrapped.push(text);
    }
  }
  return res;
})()
"""


class Chromium:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="flowrec-chromium.")
        self.proc = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--no-first-run", "--disable-extensions", "--font-render-hinting=none",
             "--remote-debugging-port=0", "--user-data-dir=" + self.profile, "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        for _ in range(300):
            if os.path.exists(port_file) and open(port_file).read().count("\n") >= 1:
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("chromium did not start")
        port = open(port_file).read().split("\n")[0]
        for _ in range(100):
            pages = json.load(urllib.request.urlopen("http://127.0.0.1:%s/json/list" % port))
            pages = [p for p in pages if p.get("type") == "page"]
            if pages:
                break
            time.sleep(0.1)
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60)
        self.id = 0
        self.events = []
        self.call("Page.enable")
        self.call("Runtime.enable")

    def call(self, method, **params):
        self.id += 1
        self.ws.send(json.dumps({"id": self.id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.id:
                if "error" in msg:
                    raise RuntimeError("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})
            if "method" in msg:
                self.events.append(msg["method"])

    def wait_event(self, name, timeout=30):
        end = time.time() + timeout
        while name not in self.events:
            if time.time() > end:
                raise RuntimeError("timed out waiting for " + name)
            msg = json.loads(self.ws.recv())
            if "method" in msg:
                self.events.append(msg["method"])

    def load(self, url, width):
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=800,
                  deviceScaleFactor=1, mobile=width < 600)
        self.events = []
        self.call("Page.navigate", url=url)
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True)
        return r["result"].get("value")

    def screenshot(self, path, width):
        m = self.call("Page.getLayoutMetrics")
        h = int(m.get("cssContentSize", m.get("contentSize"))["height"])
        r = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                      clip={"x": 0, "y": 0, "width": width, "height": min(h, 16000), "scale": 1})
        import base64
        with open(path, "wb") as f:
            f.write(base64.b64decode(r["data"]))

    def close(self):
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


def main(argv):
    args = argv[1:]
    if not args:
        print(__doc__.strip().split("\n")[2], file=sys.stderr)
        return 2
    site = os.path.abspath(args.pop(0))
    widths = [390, 1280]
    shots, shot_pages = None, []
    while args:
        a = args.pop(0)
        if a == "--widths":
            widths = [int(x) for x in args.pop(0).split(",")]
        elif a == "--shots":
            shots = args.pop(0)
            shot_pages, args = args, []
    pages = sorted(os.path.relpath(os.path.join(d, f), site)
                   for d, _, fs in os.walk(site) for f in fs if f.endswith(".html"))
    if not pages:
        print("layout: no pages in " + site, file=sys.stderr)
        return 2
    try:
        br = Chromium()
    except Exception as e:  # noqa: BLE001 - any failure to drive the browser
        print("layout: cannot drive chromium: %s" % e, file=sys.stderr)
        return 2
    bad = 0
    try:
        if shots:
            os.makedirs(shots, exist_ok=True)
            for p in shot_pages:
                for wd in widths:
                    br.load("file://" + os.path.join(site, p), wd)
                    name = p.replace("/", "_").rsplit(".", 1)[0]
                    br.screenshot(os.path.join(shots, "%s-%d.png" % (name, wd)), wd)
            return 0
        for wd in widths:
            for p in pages:
                br.load("file://" + os.path.join(site, p), wd)
                r = br.evaluate(CHECK)
                if r["sw"] > r["vw"]:
                    print("%s @%d: the page scrolls sideways (%d px wide)" % (p, wd, r["sw"]))
                    bad += 1
                for t in r["clipped"][:5]:
                    print("%s @%d: text clipped: %s" % (p, wd, t))
                    bad += 1
                for t in r["wrapped"][:5]:
                    print("%s @%d: one character a line: %s" % (p, wd, t))
                    bad += 1
        print("layout: %d pages at %s px, %d defects" % (len(pages), ",".join(map(str, widths)), bad),
              file=sys.stderr)
    finally:
        br.close()
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
