// Pagefind's own search over a static copy's index, under Node: the same pagefind.js and
// WebAssembly a browser loads from the archive, with fetch() reading the copy's files.
//
//   node pagefind_search.mjs SITE LANGUAGE DEPTH < queries.json > results.json
//
// queries.json is a JSON list of query strings; results.json a list, per query, of the
// URLs of Pagefind's first DEPTH results in its order.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [site, language, depth] = process.argv.slice(2);
const root = path.resolve(site);

// Pagefind asks for its files by URL under its base path; they are files of the copy.
globalThis.fetch = async (input) => {
  const url = new URL(typeof input === "string" ? input : input.url, "file:///");
  const file = path.join(root, decodeURIComponent(url.pathname).replace(/^\/+/, ""));
  if (!file.startsWith(root)) {
    return new Response(null, { status: 404 });
  }
  try {
    return new Response(await readFile(file), { status: 200 });
  } catch {
    return new Response(null, { status: 404 });
  }
};

// Pagefind picks its language index by the page's <html lang>, as on the archive's pages.
globalThis.document = {
  currentScript: null,
  querySelector: (selector) =>
    selector === "html" ? { getAttribute: (name) => (name === "lang" ? language : null) } : null,
};

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const queries = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const pagefind = await import(pathToFileURL(path.join(root, "pagefind", "pagefind.js")).href);
await pagefind.options({ basePath: "/pagefind/" });
await pagefind.init();

const results = [];
for (const query of queries) {
  const found = await pagefind.search(query);
  const urls = [];
  for (const result of found.results.slice(0, Number(depth))) {
    urls.push((await result.data()).url);
  }
  results.push(urls);
}
process.stdout.write(JSON.stringify(results));
