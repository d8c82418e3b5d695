// Deleting a whole workspace: the owner asks with their password and the workspace's name; the
// workspace carries on for 30 days with a notice on every page, and the owner can cancel.
import { expect, test } from "@playwright/test";
import { PASSWORD, consoleErrors, fillSignUp, uniqueEmail, waitForHydration } from "./helpers";

test("schedule a workspace's deletion, see the notice on every page, cancel it", async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto("/signup");
  await waitForHydration(page);
  await fillSignUp(page, uniqueEmail("wsdel"), "Short Lived");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  const base = new URL(page.url()).pathname;
  await page.goto(`${base}/settings/members`);
  await waitForHydration(page);
  const zone = page.getByRole("region", { name: "Delete this workspace" });

  await zone.getByLabel("Your password").fill("not my password");
  await zone.getByLabel("Type the workspace's name to confirm").fill("Short");
  await zone.getByRole("button", { name: "Delete this workspace in 30 days" }).click();
  await expect(zone.getByText("That is not your password.")).toBeVisible();
  await expect(zone.getByText("Type the workspace's name, Short Lived, to confirm.")).toBeVisible();

  await zone.getByLabel("Your password").fill(PASSWORD);
  await zone.getByLabel("Type the workspace's name to confirm").fill("Short Lived");
  await zone.getByRole("button", { name: "Delete this workspace in 30 days" }).click();
  await expect(zone.getByText(/This workspace will be deleted for good on /)).toBeVisible();

  await page.goto(`${base}/contacts`);
  await expect(page.getByText(/This workspace will be deleted on .*, as its owner asked\./)).toBeVisible();

  await page.goto(`${base}/settings/members`);
  await waitForHydration(page);
  await zone.getByRole("button", { name: "Cancel the deletion" }).click();
  await expect(zone.getByText("The deletion is cancelled; the workspace carries on.")).toBeVisible();
  await page.goto(`${base}/contacts`);
  await expect(page.getByText(/This workspace will be deleted on/)).toHaveCount(0);
  // The refused attempt answers 422 (the browser logs that); nothing else went wrong.
  expect(errors.filter((e) => !e.includes("422"))).toEqual([]);
});
