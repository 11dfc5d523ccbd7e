import type { Page } from 'playwright-core';

// Runs in the page (a string, since the tests compile without the DOM's types).
const FOCUSED_NAME = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body) return '';
  const label = element.id ? document.querySelector('label[for="' + CSS.escape(element.id) + '"]') : null;
  return (element.getAttribute('aria-label') ?? label?.textContent ?? element.textContent ?? '').trim();
})()`;

/** The focused element's name as a keyboard user hears it: aria-label, its label, or its text. */
const focusedName = (page: Page): Promise<string> => page.evaluate(FOCUSED_NAME);

/** Presses Tab, as a keyboard user does, until the control named `name` has the focus. */
export async function tabTo(page: Page, name: string | RegExp, maxPresses = 80): Promise<void> {
  const seen: string[] = [];
  for (let press = 0; press < maxPresses; press += 1) {
    await page.keyboard.press('Tab');
    const focused = await focusedName(page);
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
    seen.push(focused);
  }
  throw new Error(`Tab never reached "${name}"; it went through: ${seen.join(' | ')}`);
}
