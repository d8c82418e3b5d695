// A forgotten password, end to end: ask for a link from sign-in, open it from the development
// mailbox, choose a new password, and sign in with it.
import { expect, test } from "@playwright/test";
import { fillNewPassword, fillSignUp, signOut, uniqueEmail, waitForHydration } from "./helpers";

test("reset a forgotten password through the emailed link", async ({ page }) => {
  const email = uniqueEmail("reset");
  await page.goto("/signup");
  await waitForHydration(page);
  await fillSignUp(page, email, `Reset Test ${Date.now()}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/reset-test-\d+$/);
  const workspace = new URL(page.url()).pathname;
  await signOut(page);

  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await waitForHydration(page);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "If an account uses that address" })).toBeVisible();

  await page.goto("/dev/mailbox");
  await page.getByRole("row", { name: new RegExp(email) }).getByRole("link", { name: /Reset your NexaCRM password/ }).click();
  const href = await page.getByTestId("mail-text").getByRole("link", { name: /\/reset-password\// }).getAttribute("href");
  await page.goto(new URL(href!).pathname);
  await waitForHydration(page);
  const fresh = "quiet harbour lantern spruce";
  await fillNewPassword(page, "New password", fresh);
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page).toHaveURL(/\/signin\?reset=1$/);
  await expect(page.getByRole("status")).toContainText("Your password was changed");

  await waitForHydration(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(fresh);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(new RegExp(`${workspace}$`));

  // The link is spent.
  await page.goto(new URL(href!).pathname);
  await expect(page.getByText("This reset link has expired or was already used.")).toBeVisible();
});
