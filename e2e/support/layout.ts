import { expect, type Page } from "@playwright/test";

/**
 * The page fits the viewport's width: nothing makes it scroll sideways. When something does, the
 * message names what sticks out: past the right edge and not clipped by a scrolling box of its
 * own (an absolutely positioned element escapes a box that is not its containing block).
 * `soft` lets one run name every page that is too wide, not just the first.
 */
export async function expectNoSidewaysScroll(page: Page, { soft = false } = {}) {
  const { scrollWidth, innerWidth, wide } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    wide: [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5)
      .filter((element) => {
        if (["absolute", "fixed"].includes(getComputedStyle(element).position)) return true;
        for (let parent = element.parentElement; parent; parent = parent.parentElement) {
          if (getComputedStyle(parent).overflowX !== "visible") return false;
        }
        return true;
      })
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} (${Math.round(element.getBoundingClientRect().right)}px)`),
  }));
  const check = soft ? expect.soft : expect;
  check(scrollWidth, `${page.url()} is ${scrollWidth}px wide on a ${innerWidth}px screen; sticking out: ${wide.join(" | ") || "nothing named"}`).toBeLessThanOrEqual(innerWidth);
}
