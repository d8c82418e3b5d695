import { expect, test } from "@playwright/test";
import { consoleErrors, fillSignUp, PASSWORD, signIn, signOut, signUpToNewWorkspace, uniqueEmail, waitForHydration } from "./helpers";

test("sign up, land in the workspace, sign out and sign in again", async ({ page }) => {
  const errors = consoleErrors(page);
  const email = uniqueEmail("ada");
  const organisation = `Engines ${Date.now()}`;
  await page.goto("/signup");
  await waitForHydration(page);
  await fillSignUp(page, email, organisation);
  await page.getByRole("button", { name: "Create workspace" }).click();

  await expect(page).toHaveURL(/\/w\/engines-\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: organisation })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Getting started" })).toBeVisible();
  const workspaceUrl = page.url();

  await signOut(page);
  await expect(page.getByText("You have signed out.")).toBeVisible();

  await page.goto(workspaceUrl);
  await expect(page).toHaveURL(/\/signin\?next=/);
  await waitForHydration(page);
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(workspaceUrl);
  await expect(page.getByRole("heading", { level: 1, name: organisation })).toBeVisible();
  // Let the strength meter's last timer fire after the sign-up page is gone: nothing may panic.
  await page.waitForTimeout(500);
  expect(errors).toEqual([]);
});

test("a wrong password shows the error and stays on sign-in", async ({ page }) => {
  const email = uniqueEmail("grace");
  await page.goto("/signup");
  await waitForHydration(page);
  await fillSignUp(page, email, `Wrong Password Co ${Date.now()}`);
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page).toHaveURL(/\/w\//);
  await signOut(page);

  await waitForHydration(page);
  await signIn(page, email, "this is not my password");
  await expect(page.getByRole("alert")).toContainText("That email and password do not match an account");
  await expect(page).toHaveURL(/\/signin/);
});

test("the sign-up form shows each problem next to its field", async ({ page }) => {
  await page.goto("/signup");
  await waitForHydration(page);
  await fillSignUp(page, "not-an-email", "Field Errors Co");
  // The browser's own check would stop a submit with type=email; the server's message is the point.
  await page.getByLabel("Work email").evaluate((input: HTMLInputElement) => (input.type = "text"));
  await page.getByRole("button", { name: "Create workspace" }).click();
  await expect(page.locator("#field-email-error")).toHaveText("Enter an email address like name@company.com.");
  await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/signup/);
});

test("the strength meter rates the password while typing", async ({ page }) => {
  await page.goto("/signup");
  await waitForHydration(page);
  await page.getByLabel("Password", { exact: true }).fill("1qaz2wsx3edc");
  await expect(page.locator(".strength-label")).toContainText("not accepted");
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await expect(page.locator(".strength-label")).not.toContainText("not accepted");
});

test("upload a profile picture and see times in the chosen time zone", async ({ page }) => {
  const base = await signUpToNewWorkspace(page, "profile", "Profile Test");

  await page.goto(`${base}/account`);
  await waitForHydration(page);
  const onePixel = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
  await page.getByLabel(/^Picture/).setInputFiles({ name: "me.png", mimeType: "image/png", buffer: onePixel });
  await page.getByRole("button", { name: "Upload picture" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Picture saved." })).toBeVisible();
  await expect(page.getByRole("img", { name: "Your picture" })).toBeVisible();
  // A document renamed .png is refused next to the field.
  await waitForHydration(page);
  await page.getByLabel(/^Picture/).setInputFiles({ name: "cv.png", mimeType: "image/png", buffer: Buffer.from("%PDF-1.7 not a picture") });
  await page.getByRole("button", { name: "Upload picture" }).click();
  await expect(page.getByText("Upload a PNG, JPEG or WebP picture.")).toBeVisible();

  await waitForHydration(page);
  await page.getByLabel("Time zone").selectOption("Europe/Berlin");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();
  await page.goto(`${base}/account`);
  await expect(page.getByText(/UTC\+0[12]:00/).first()).toBeVisible();
});
