// Screenshots of pages in headless Chromium, for looking at both directions before calling a page done.
// Usage: node scripts/screenshot.mjs http://127.0.0.1:3000/ar out.png [width]
import { chromium } from "@playwright/test";

const [url, out = "shot.png", width = "1100"] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const page = await browser.newPage({ viewport: { width: Number(width), height: 800 } });
await page.goto(url, { waitUntil: "networkidle" });
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(out);
