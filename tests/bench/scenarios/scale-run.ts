// The scale scenarios (issues 15 and 17) as one block of the bench run: each starts light-pod sandboxes of its own
// (after the main sandbox has stopped, so their thousands of pods weigh on nothing else) and a browser of its own.
import type { Browser } from '@playwright/test';
import type { Scenario } from '../metric-ids.js';
import { launchBrowser } from '../support/browser.js';
import { fleet } from './fleet.js';
import { matrix } from './matrix.js';
import { scaleDetail } from './scale-detail.js';

import type { ScaleContext } from './scale-support.js';

type Step = (scenario: Scenario, name: string, work: () => Promise<void>) => Promise<void>;

export async function runScale(ctx: ScaleContext, step: Step): Promise<void> {
  let browser: Browser | undefined;
  const shared = async (): Promise<Browser> => (browser ??= await launchBrowser());
  try {
    await step('scale-detail', 'scale: one DaemonSet on 5,000 light nodes (detail, rollout, list reason)', async () =>
      scaleDetail(ctx, await shared()),
    );
    await step('matrix', 'scale: coverage matrix of 5,000 nodes × 30 DaemonSets', async () =>
      matrix(ctx, await shared()),
    );
    await step('fleet', 'scale: fleet of 10 light sandboxes × 50 DaemonSets', async () => fleet(ctx, await shared()));
  } finally {
    await browser?.close();
  }
}
