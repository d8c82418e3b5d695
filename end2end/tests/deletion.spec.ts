// Deleting one's account: Privacy → Delete my account with the password signs the person out;
// signing in again opens only the pending page (download, cancel); cancelling opens the workspace.
import { expect, Page, test } from "@playwright/test";
import { consoleErrors, fillSignUp, PASSWORD, signIn, uniqueEmail, waitForHydration } from "./helpers";

/** Answers the cookie banner when it is shown, so it covers nothing. */
async function rejectNonEssentialCookies(page: Page): Promise<void> {
  const reject = page.getByRole("button", { name: "Reject non-essential" });
  if (await reject.isVisible()) {
    await reject.click();
    await expect(reject).toBeHidden();
  }
}

test("delete my account, sign in to the pending page, cancel and get the workspace back", async ({ page }) => {
  const errors = consoleErrors(page);
  const email = uniqueEmail("leaving");
  await page.goto("/signup");
  await waitForHydration(page);
  await rejectNonEssentialCookies(page);
  await fillSignUp(page, email, `Leaving ${Date.now()}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/leaving-\d+$/);
  const workspaceUrl = page.url();

  await page.locator("details.user-menu summary").click();
  await page.getByRole("link", { name: "Privacy", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Delete my account" })).toBeVisible();
  await expect(page.getByText("Deleted with your account:")).toContainText("Leaving");
  const form = page.getByRole("form", { name: "Delete my account" });
  await form.getByLabel("Your password").fill("this is not my password");
  await form.getByRole("button", { name: "Delete my account" }).click();
  await expect(form.locator(".field-error")).toHaveText("That is not your password.");
  await form.getByLabel("Your password").fill(PASSWORD);
  await form.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/account\/deletion\?requested=1$/);
  await expect(page.getByRole("heading", { name: "Your account will be deleted in 30 days" })).toBeVisible();

  // Signed out: the workspace asks for sign-in, which leads to the pending page only.
  await page.goto(workspaceUrl);
  await expect(page).toHaveURL(/\/signin\?next=/);
  await waitForHydration(page);
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/account\/deletion$/);
  await expect(page.getByRole("heading", { level: 1, name: "Your account will be deleted" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Download my data" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel deletion" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Workspace" })).toHaveCount(0);
  await expect(page.locator('a[href^="/w/"]')).toHaveCount(0);

  // A workspace's address sends the pending account back to its page.
  await page.goto(workspaceUrl);
  await expect(page).toHaveURL(/\/account\/deletion$/);

  await waitForHydration(page);
  await page.getByRole("button", { name: "Cancel deletion" }).click();
  await expect(page).toHaveURL(workspaceUrl);
  await expect(page.getByRole("navigation", { name: "Workspace" })).toBeVisible();
  // The refused password (422) and the status asked for just after signing out (401) are answers
  // the page shows; anything else (a panic in the WASM) is a failure.
  expect(errors.filter((e) => !/status of (422|401) /.test(e))).toEqual([]);
});
