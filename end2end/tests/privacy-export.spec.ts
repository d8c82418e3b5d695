// Download my data: a contact made in the UI comes back in the archive's JSON and CSV, after the
// page has shown the job's progress and then the download link.
import { expect, test } from "@playwright/test";
import JSZip from "jszip";
import { readFile } from "node:fs/promises";
import { consoleErrors, signUpToNewWorkspace, waitForHydration } from "./helpers";

test("download my data: progress, then a ZIP holding the contact in JSON and in CSV", async ({ page }) => {
  const errors = consoleErrors(page);
  const base = await signUpToNewWorkspace(page, "export", "Export Test");

  await page.goto(`${base}/contacts/new`);
  await waitForHydration(page);
  await page.getByLabel("First name").fill("Hedy");
  await page.getByLabel("Last name").fill("Lamarr");
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Hedy Lamarr/ })).toBeVisible();

  await page.locator("details.user-menu summary").click();
  await page.locator("details.user-menu").getByRole("link", { name: "Privacy", exact: true }).click();
  await expect(page).toHaveURL(`${base}/privacy`);
  await waitForHydration(page);
  const section = page.getByRole("region", { name: "Download my data" });
  await expect(section).toContainText("You have not asked for an archive of your data yet.");
  await section.getByRole("button", { name: "Prepare my data" }).click();

  // The answer shows the new archive waiting, with a progress bar, before the job has started.
  await expect(section.getByRole("progressbar", { name: "Preparing the archive" })).toBeVisible();
  const link = section.getByRole("link", { name: "Download the archive" });
  await expect(link).toBeVisible({ timeout: 20_000 });
  await expect(section.getByRole("progressbar")).toHaveCount(0);
  await expect(section.getByRole("status")).toHaveText("Your archive is ready.");
  await expect(section.getByRole("button", { name: "Prepare my data" })).toBeDisabled();
  await expect(section).toContainText("Your next request is possible after");

  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^nexacrm-my-data-\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = await JSZip.loadAsync(await readFile(await download.path()));
  const contacts: Array<{ first_name: string; last_name: string }> = JSON.parse(await zip.file("json/contacts.json")!.async("string"));
  expect(contacts.map((c) => `${c.first_name} ${c.last_name}`)).toEqual(["Hedy Lamarr"]);
  const csv = await zip.file("csv/contacts.csv")!.async("string");
  expect(csv.split("\n")[0]).toContain("first_name,last_name");
  expect(csv).toContain(",Hedy,Lamarr,");
  expect(await zip.file("README.txt")!.async("string")).toContain("csv/contacts.csv");

  // The notice stays on the page after a reload (without JavaScript it is all there is).
  await page.reload();
  await expect(page.getByRole("region", { name: "Download my data" }).getByRole("link", { name: "Download the archive" })).toBeVisible();
  expect(errors).toEqual([]);
});
