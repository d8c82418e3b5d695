import { expect, test } from "@playwright/test";
import { fillSignUp, uniqueEmail } from "./helpers";

test.use({ javaScriptEnabled: false });

test("sign-up works with JavaScript disabled", async ({ page }) => {
  await page.goto("/signup");
  await fillSignUp(page, uniqueEmail("nojs"), `No Script Ltd ${Date.now()}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\/no-script-ltd-\d+$/);
  await expect(page.getByRole("heading", { name: "Getting started" })).toBeVisible();
});

test("without JavaScript a bad field comes back with its message", async ({ page }) => {
  await page.goto("/signup");
  await fillSignUp(page, uniqueEmail("nojs"), "No Script Errors");
  await page.getByLabel("Password", { exact: true }).fill("1qaz2wsx3edc");
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/signup\?/);
  await expect(page.locator("#field-password-error")).toContainText("common");
});
