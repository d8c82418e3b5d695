// People inside a workspace's CRM: the owner exports everything about a contact (a ZIP holding
// the contact in JSON and CSV), erases the contact through the confirmation that names what goes,
// and then cannot add the same address again: the message shows next to the email field.
import { expect, test } from "@playwright/test";
import JSZip from "jszip";
import { readFile } from "node:fs/promises";
import { consoleErrors, signUpToNewWorkspace, waitForHydration } from "./helpers";

const ERASED = "This address was erased at the person's request and cannot be added again.";

test("export a contact, erase it after the confirmation, and its address cannot be added again", async ({ page }) => {
  const errors = consoleErrors(page);
  const base = await signUpToNewWorkspace(page, "person", "Person Test");
  const email = `grace.quennell.${Date.now()}@navy.example`;

  await page.goto(`${base}/contacts/new`);
  await waitForHydration(page);
  await page.getByLabel("First name").fill("Grace");
  await page.getByLabel("Last name").fill("Quennell");
  await page.getByLabel("Emails 1").fill(email);
  await page.getByRole("button", { name: "Create contact" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Grace Quennell/ })).toBeVisible();

  // Export: a ZIP download whose JSON and CSV hold the contact.
  const privacy = page.getByRole("region", { name: "Privacy" });
  const downloading = page.waitForEvent("download");
  await privacy.getByRole("link", { name: "Export everything about this person" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^nexacrm-contact-grace-quennell-\d{4}-\d{2}-\d{2}\.zip$/);
  const bytes = await readFile(await download.path());
  expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  const zip = await JSZip.loadAsync(bytes);
  const contact: Array<{ first_name: string; last_name: string }> = JSON.parse(await zip.file("json/contact.json")!.async("string"));
  expect(contact[0].last_name).toBe("Quennell");
  expect(await zip.file("csv/contact.csv")!.async("string")).toContain("Quennell");
  expect(await zip.file("csv/contact_channels.csv")!.async("string")).toContain(email);

  // Erase: the confirmation names the person and the address; nothing goes before the box is ticked.
  await privacy.getByRole("link", { name: "Erase this person…" }).click();
  const confirmation = page.getByRole("region", { name: "Erase Grace Quennell for good?" });
  await expect(confirmation).toContainText(email);
  await expect(confirmation).toContainText("cannot be undone");
  await confirmation.getByLabel("I understand that this person is erased for good").check();
  await confirmation.getByRole("button", { name: "Erase permanently" }).click();
  await expect(page).toHaveURL(`${base}/contacts?erased=1`);
  await expect(page.getByRole("status").filter({ hasText: "The person was erased." })).toBeVisible();
  await expect(page.getByRole("link", { name: "Grace Quennell" })).toHaveCount(0);
  expect(errors).toEqual([]);

  // The same address (another case) is refused, with the message next to the email field.
  await page.goto(`${base}/contacts/new`);
  await waitForHydration(page);
  await page.getByLabel("First name").fill("Grace");
  await page.getByLabel("Emails 1").fill(email.toUpperCase());
  await page.getByRole("button", { name: "Create contact" }).click();
  const row = page.locator(".channel-row").filter({ has: page.getByLabel("Emails 1") });
  await expect(row.locator(".field-error")).toHaveText(ERASED);
  await expect(page.getByLabel("Emails 1")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(`${base}/contacts/new`);
  // The only console line is the browser reporting the refused request (422) itself.
  expect(errors).toEqual([expect.stringContaining("422")]);
});
