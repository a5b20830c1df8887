import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApi, setApi } from '../../../../renderer/api/bridge';
import { useClustersStore } from '../../../../renderer/clusters/clusters';
import { useProjectsStore } from '../../../../renderer/clusters/projects';
import { fakeBridge } from '../fake-bridge';

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

let fake: ReturnType<typeof fakeBridge>;

beforeEach(() => {
  setActivePinia(createPinia());
  fake = fakeBridge();
  setApi(createApi(fake.bridge));
});

async function start() {
  useClustersStore().init();
  const projects = useProjectsStore();
  projects.init();
  await settle();
  return projects;
}

describe('projects store', () => {
  it('shows a chosen project before the backend answers (the wizard opens in it at once)', async () => {
    const projects = await start();
    expect(projects.selected).toBe('default');
    const pending = projects.select('monitoring');
    expect(projects.selected).toBe('monitoring');
    await pending;
    expect(projects.selected).toBe('monitoring');
    expect(fake.callsOf('projects.select')).toEqual([['sandbox-admin', 'monitoring']]);
  });

  it('goes back to the previous project when the backend refuses the choice', async () => {
    const projects = await start();
    fake.bridge.projects.select = () =>
      Promise.resolve({ ok: false, error: { code: 'forbidden', message: 'no', status: 403 } });
    await projects.select('monitoring');
    expect(projects.selected).toBe('default');
    expect(projects.error?.message).toBe('no');
  });
});
