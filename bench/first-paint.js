// First paint of a page in headless Chromium, from the page's own Performance timeline:
//   node --experimental-websocket bench/first-paint.js SITE/index.html [RUNS]
// Prints first-paint and first-contentful-paint (ms) of each run, and the medians. Each run
// opens the page in a new tab of one Chromium (file://, the site's CSP as published).
"use strict";

const { spawn } = require("child_process");
const path = require("path");

const page = "file://" + path.resolve(process.argv[2]);
const runs = Number(process.argv[3] || 5);
const port = 9300 + Math.floor(Math.random() * 500);
const chromium = spawn(process.env.CHROMIUM || "chromium", [
  "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
  "--user-data-dir=" + require("os").tmpdir() + "/first-paint-" + port,
  "--remote-debugging-port=" + port, "about:blank",
], { stdio: "ignore" });

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function tab() {
  for (let tries = 0; tries < 100; tries++) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/json/new?about:blank`, { method: "PUT" });
      return await response.json();
    } catch (error) {
      await sleep(100);
    }
  }
  throw new Error("chromium did not start");
}

function client(url) {
  const socket = new WebSocket(url);
  let id = 0;
  const waiting = new Map();
  const listeners = [];
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.id && waiting.has(message.id)) {
      waiting.get(message.id)(message.result);
      waiting.delete(message.id);
    } else {
      listeners.forEach((listener) => listener(message));
    }
  };
  const opened = new Promise((resolve) => { socket.onopen = resolve; });
  return {
    opened,
    call(method, params) {
      const sent = ++id;
      socket.send(JSON.stringify({ id: sent, method, params: params || {} }));
      return new Promise((resolve) => waiting.set(sent, resolve));
    },
    once(method) {
      return new Promise((resolve) => listeners.push((message) => {
        if (message.method === method) { resolve(message); }
      }));
    },
    close() { socket.close(); },
  };
}

const median = (values) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];

(async () => {
  const fp = [];
  const fcp = [];
  try {
    for (let run = 0; run < runs; run++) {
      const target = await tab();
      const cdp = client(target.webSocketDebuggerUrl);
      await cdp.opened;
      await cdp.call("Page.enable");
      const loaded = cdp.once("Page.loadEventFired");
      await cdp.call("Page.navigate", { url: page });
      await loaded;
      await sleep(300);
      const result = await cdp.call("Runtime.evaluate", {
        expression: "JSON.stringify(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]))",
        returnByValue: true,
      });
      const paints = Object.fromEntries(JSON.parse(result.result.value));
      fp.push(paints["first-paint"]);
      fcp.push(paints["first-contentful-paint"]);
      console.log(`run ${run + 1}: first-paint ${paints["first-paint"].toFixed(0)} ms, first-contentful-paint ${paints["first-contentful-paint"].toFixed(0)} ms`);
      cdp.close();
    }
    console.log(`median: first-paint ${median(fp).toFixed(0)} ms, first-contentful-paint ${median(fcp).toFixed(0)} ms`);
  } finally {
    chromium.kill();
  }
})().catch((error) => { console.error(error); process.exitCode = 1; });
