// List exports: the contacts list, filtered by a name prefix, downloads exactly its rows as CSV
// (a formula-looking name escaped) and as JSON, from the links beside the filters.
import { expect, test } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { consoleErrors, signUpToNewWorkspace, waitForHydration } from "./helpers";

test("a filtered list exports its rows as CSV and JSON", async ({ page }) => {
  const errors = consoleErrors(page);
  const base = await signUpToNewWorkspace(page, "listexport", "List Export");
  const slug = base.split("/").pop()!;
  const origin = new URL(page.url()).origin;
  for (const [first, last] of [["Grace", "Hopper"], ["Grete", "=1+2"], ["Alan", "Turing"]]) {
    const created = await page.request.post("/api/contacts/create", {
      headers: { accept: "application/json", origin },
      form: { slug, "fields[first_name]": first, "fields[last_name]": last, "fields[status]": "lead" },
    });
    expect(created.status()).toBe(200);
  }

  await page.goto(`${base}/contacts?q=gr`);
  await waitForHydration(page);
  const exports = page.getByRole("group", { name: "Export this list" });
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), exports.getByRole("link", { name: "Export CSV" }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = (await readFile((await csvDownload.path())!, "utf8")).trim().split("\n");
  expect(csv).toHaveLength(3);
  expect(csv[0]).toContain("first_name,last_name");
  expect(csv.some((line) => line.includes("Grete,'=1+2"))).toBe(true);
  expect(csv.some((line) => line.includes("Turing"))).toBe(false);

  const [jsonDownload] = await Promise.all([page.waitForEvent("download"), exports.getByRole("link", { name: "Export JSON" }).click()]);
  const rows: Array<{ first_name: string; last_name: string }> = JSON.parse(await readFile((await jsonDownload.path())!, "utf8"));
  expect(rows.map((r) => `${r.first_name} ${r.last_name}`).sort()).toEqual(["Grace Hopper", "Grete =1+2"]);
  // The page is still the list: the links left it alone.
  await expect(page).toHaveURL(`${base}/contacts?q=gr`);
  expect(errors).toEqual([]);
});
