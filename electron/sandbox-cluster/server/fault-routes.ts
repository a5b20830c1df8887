// HTTP endpoints for fault injection (admin only): /sandbox/faults/<action>.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from '../errors.js';
import type { ServerContext } from './context.js';
import { notFoundPath } from './request.js';
import { sendJson } from './respond.js';

export interface FaultControls {
  dropWatches(): number;
  failNext(count: number, code: 500 | 429, retryAfterSeconds?: number): void;
  stallWatches(): void;
  /** The open watch streams go silent for good (new ones flow); returns how many. */
  silenceWatches(): number;
  releaseWatches(): void;
  compactHistory(): void;
  /** Watch streams the server holds open now (stalled and silenced ones included): a client's leaks show here. */
  openWatches(): number;
}

export function faultControls(ctx: ServerContext): FaultControls {
  return {
    dropWatches: () => ctx.watches.dropAll(),
    failNext: (count, code, retryAfterSeconds) => ctx.faults.failNext(count, code, retryAfterSeconds),
    stallWatches: () => ctx.watches.stall(),
    silenceWatches: () => ctx.watches.silenceOpen(),
    releaseWatches: () => ctx.watches.release(),
    compactHistory: () => ctx.store.compact(),
    openWatches: () => ctx.watches.count,
  };
}

export function handleFaultRoute(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (req.method !== 'POST') throw notFoundPath();
  const action = url.pathname.slice('/sandbox/faults/'.length);
  const controls = faultControls(ctx);
  switch (action) {
    case 'drop-watches':
      sendJson(res, 200, { dropped: controls.dropWatches() });
      return;
    case 'fail': {
      const count = Number(url.searchParams.get('count') ?? '1');
      const code = Number(url.searchParams.get('code') ?? '500');
      const retryAfter = Number(url.searchParams.get('retryAfter') ?? '1');
      if (!Number.isInteger(count) || count < 0 || (code !== 500 && code !== 429) || !(retryAfter >= 0)) {
        throw badRequest('fail: count must be a non-negative integer and code 500 or 429');
      }
      controls.failNext(count, code, retryAfter);
      sendJson(res, 200, { failing: count, code });
      return;
    }
    case 'stall-watches':
      controls.stallWatches();
      sendJson(res, 200, { stalled: true });
      return;
    case 'silence-watches':
      sendJson(res, 200, { silenced: controls.silenceWatches() });
      return;
    case 'release-watches':
      controls.releaseWatches();
      sendJson(res, 200, { stalled: false });
      return;
    case 'compact':
      controls.compactHistory();
      sendJson(res, 200, { compactedAt: String(ctx.store.currentRv()) });
      return;
    case 'controllers/pause':
      ctx.components.pauseControllers();
      sendJson(res, 200, { controllers: 'paused' });
      return;
    case 'controllers/resume':
      ctx.components.resumeControllers();
      sendJson(res, 200, { controllers: 'running' });
      return;
    case 'kubelets/pause':
      ctx.components.pauseKubelets();
      sendJson(res, 200, { kubelets: 'paused' });
      return;
    case 'kubelets/resume':
      ctx.components.resumeKubelets();
      sendJson(res, 200, { kubelets: 'running' });
      return;
    default:
      throw notFoundPath();
  }
}
