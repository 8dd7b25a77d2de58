// Bytes the site's search loads for a query: runs the rendered site's own
// assets/search.js under node, loading shards from disk instead of <script> elements, and
// counts the files and bytes of a search and of the 8 results a page shows.
//   node bench/search-bytes.js SITE_DIR QUERY   (docs/search.md, "Sizes")
"use strict";
const fs = require("fs");
const vm = require("vm");
const url = require("url");
const [site, query] = process.argv.slice(2);
let bytes = 0;
let files = 0;
globalThis.self = globalThis;
globalThis.document = {
  currentScript: { src: url.pathToFileURL(site + "/assets/search.js").href },
  createElement() { return { remove() {} }; },
  head: {
    appendChild(element) {
      setTimeout(() => {
        const text = fs.readFileSync(url.fileURLToPath(element.src));
        bytes += text.length;
        files++;
        vm.runInThisContext(text.toString());
        element.onload();
      }, 0);
    }
  },
  getElementById() { return null; }
};
vm.runInThisContext(fs.readFileSync(site + "/assets/search.js", "utf8"));
(async () => {
  const result = await self.ADRSearch.search(query);
  for (const hit of result.hits.slice(0, 8)) {
    await self.ADRSearch.describe(result, hit);
  }
  console.log(JSON.stringify({ query, hits: result.hits.length, files, bytes }));
})();
