import { AppError } from '../errors.js';

/**
 * A long-lived shell or forward is authenticated once, when its WebSocket opens, so a token that expires (or a
 * right taken away) later would go unnoticed. This asks `check` (its access review, sent with the session's current
 * credentials: client-node refreshes an exec plugin's expired token on the way) every `intervalMs`; a refusal
 * (401 or 403) ends the session through `refused`. A cluster that does not answer for a while ends nothing.
 */
export function recheckEvery(
  intervalMs: number,
  check: () => Promise<void>,
  refused: (error: AppError) => void,
): () => void {
  let stopped = false;
  const timer = setInterval(() => {
    check().then(
      () => undefined,
      (error: unknown) => {
        if (stopped || !(error instanceof AppError)) return;
        if (error.code === 'unauthorized' || error.code === 'forbidden') refused(error);
      },
    );
  }, intervalMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
