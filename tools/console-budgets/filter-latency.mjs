// Budget 2: how long the delivery log takes to answer a filter change. Each sample is a fresh tab
// (so TanStack Query has nothing cached for the new filter) on /console/deliveries showing the
// newest deliveries; the clock starts at the filter form's submit event and stops when the table's
// first row is the newest delivery matching the new filter (a MutationObserver in the page).

/** Installs the stopwatch in the page: it waits for the first row to show `subject` with `status`. */
const installStopwatch = (page, expected) =>
  page.evaluate(({ subject, status }) => {
    const budget = { submittedAt: undefined, shownAt: undefined };
    window.__filterBudget = budget;
    document.addEventListener('submit', () => (budget.submittedAt ??= performance.now()), { capture: true });
    const shows = () => {
      const row = document.querySelector('main table tbody tr');
      const cells = row ? [...row.children].map((cell) => cell.textContent.trim()) : [];
      return cells[0] === subject && cells[1] === status;
    };
    const observer = new MutationObserver(() => {
      if (budget.submittedAt !== undefined && shows()) {
        budget.shownAt = performance.now();
        observer.disconnect();
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, expected);

async function sample(context, newestOverall, expected, change) {
  const page = await context.newPage();
  try {
    await page.goto('/console/deliveries');
    await page.locator('main table tbody tr').first().getByRole('link', { name: newestOverall.subject, exact: true }).waitFor();
    await installStopwatch(page, { subject: expected.subject, status: expected.status });
    await change(page);
    await page.waitForFunction(() => window.__filterBudget.shownAt !== undefined, undefined, { timeout: 30_000 });
    return page.evaluate(() => window.__filterBudget.shownAt - window.__filterBudget.submittedAt);
  } finally {
    await page.close();
  }
}

/**
 * `samples` status changes (cycling through every status but the newest delivery's) and as many
 * subject changes (each a different subject), in milliseconds.
 */
export async function measureFilterChanges(context, deliveries, { samples = 20 } = {}) {
  const newestOverall = deliveries[deliveries.length - 1];
  const newestByStatus = new Map();
  const newestBySubject = new Map();
  for (const delivery of deliveries) {
    newestByStatus.set(delivery.status, delivery);
    newestBySubject.set(delivery.subject, delivery);
  }
  const statuses = [...newestByStatus.keys()].filter((status) => status !== newestOverall.status);
  const subjects = [...newestBySubject.keys()].filter((subject) => subject !== newestOverall.subject);
  const byStatus = [];
  const bySubject = [];
  for (let index = 0; index < samples; index += 1) {
    const status = statuses[index % statuses.length];
    byStatus.push(
      await sample(context, newestOverall, newestByStatus.get(status), async (page) => {
        await page.getByLabel('Status').selectOption(status);
        await page.getByRole('button', { name: 'Filter', exact: true }).click();
      }),
    );
    // Subjects spread over the log: the newest, the oldest and everything between.
    const subject = subjects[Math.floor((index * (subjects.length - 1)) / Math.max(1, samples - 1))];
    bySubject.push(
      await sample(context, newestOverall, newestBySubject.get(subject), async (page) => {
        await page.getByLabel('Subject').fill(subject);
        await page.getByLabel('Subject').press('Enter');
      }),
    );
  }
  return { byStatus, bySubject };
}
