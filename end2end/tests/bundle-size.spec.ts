// The JavaScript and WASM of a page's first load arrive compressed (brotli, written at build time
// by `cargo leptos build --precompress`). Prints the figures BENCHMARKS.md quotes: raw, gzip -9
// and the bytes the browser received.
import { test, expect, Browser } from "@playwright/test";
import { gzipSync } from "node:zlib";
import { signUpToNewWorkspace, waitForHydration } from "./helpers";

type Load = { files: number; raw: number; gzip: number; sent: number; encodings: string[] };

/** Opens `path` in a fresh browser context (nothing cached) and adds up the JS and WASM it loads. */
async function firstLoad(browser: Browser, path: string, storageState: object): Promise<Load> {
  const context = await browser.newContext({ storageState: storageState as never });
  const page = await context.newPage();
  const files: Promise<{ raw: number; gzip: number; sent: number; encoding: string }>[] = [];
  page.on("response", (response) => {
    if (!/\.(js|wasm)$/.test(new URL(response.url()).pathname)) return;
    files.push((async () => {
      const body = await response.body();
      const sizes = await response.request().sizes();
      const encoding = (await response.allHeaders())["content-encoding"] ?? "none";
      return { raw: body.length, gzip: gzipSync(body, { level: 9 }).length, sent: sizes.responseBodySize, encoding };
    })());
  });
  await page.goto(path);
  await waitForHydration(page);
  await page.waitForLoadState("networkidle");
  const loaded = await Promise.all(files);
  await context.close();
  return loaded.reduce(
    (sum, file) => ({
      files: sum.files + 1, raw: sum.raw + file.raw, gzip: sum.gzip + file.gzip, sent: sum.sent + file.sent,
      encodings: [...sum.encodings, file.encoding],
    }),
    { files: 0, raw: 0, gzip: 0, sent: 0, encodings: [] as string[] },
  );
}

test("a page's JavaScript and WASM arrive compressed on the first load", async ({ browser, page, context }) => {
  test.setTimeout(90_000);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const visitor = await context.storageState();
  const workspace = await signUpToNewWorkspace(page, "bundle", "Bundle Test");
  const member = await context.storageState();
  for (const [path, state] of [["/", visitor], ["/signin", visitor], [workspace, member], [`${workspace}/contacts`, member]] as const) {
    const load = await firstLoad(browser, path, state);
    console.log(`first load of ${path}: ${load.files} files, ${kb(load.raw)} raw, ${kb(load.gzip)} gzip -9, ${kb(load.sent)} received (${load.encodings.join(", ")})`);
    expect(load.files).toBeGreaterThanOrEqual(2);
    expect(load.encodings.every((encoding) => encoding === "br")).toBe(true);
    // Brotli: what the browser receives is under a third of the files' own size.
    expect(load.sent).toBeLessThan(load.raw / 3);
  }
});
