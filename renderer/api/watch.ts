import type { EverynodeServices } from '../../electron/contract/services';
import type { Disposable, StreamArgs, StreamEvent, StreamName } from '../../electron/contract/streams';
import { toErrorDTO } from './errors';
import type { Api, StreamListener, Watch } from './types';

type AnyListener = StreamListener<StreamName>;

/**
 * The renderer's one client of the streams protocol (`streams.open`/`dispose` and the `onDidReceiveDelta` event):
 * it routes deltas by stream id, holds the ones that arrive before an open's answer, ignores those after dispose, and
 * reopens every open stream after the transport reconnects (the backend forgot them with the old connection).
 */
export function createWatch(
  services: Pick<EverynodeServices, 'streams'>,
  on: Api['events']['on'],
  onReconnect: Api['onReconnect'],
): Watch {
  const routes = new Map<string, OpenStream>();
  const live = new Set<OpenStream>();
  // Deltas for ids no open has answered yet; kept only while an open is on its way.
  let early: StreamEvent[] = [];
  let opening = 0;

  on('onDidReceiveDelta', (event) => {
    const route = routes.get(event.streamId);
    if (route) route.receive(event);
    else if (opening > 0) early.push(event);
  });
  onReconnect(() => {
    for (const stream of [...live]) stream.reopen();
  });

  class OpenStream implements Disposable {
    private id: string | undefined;
    private generation = 0;
    private done = false;

    constructor(
      private readonly name: StreamName,
      private readonly args: unknown[],
      private readonly listener: AnyListener,
    ) {
      live.add(this);
      this.open();
    }

    receive(event: StreamEvent): void {
      if (this.done || event.streamId !== this.id) return;
      this.listener.delta(event.delta);
      if (event.ended) {
        this.forget();
        this.listener.ended?.();
      }
    }

    reopen(): void {
      if (this.done) return;
      if (this.id !== undefined) routes.delete(this.id);
      this.id = undefined;
      this.listener.reopening?.();
      // The listener may end it there (a shell does not silently start over in a new process).
      if (!this.done) this.open();
    }

    dispose(): void {
      if (this.done) return;
      const id = this.id;
      this.forget();
      if (id !== undefined) services.streams.dispose(id).catch(() => undefined);
    }

    private open(): void {
      const mine = ++this.generation;
      opening++;
      services.streams
        .open(this.name, this.args as StreamArgs<StreamName>)
        .then(
          ({ streamId }) => {
            // Disposed meanwhile, or opened again after a reconnect: this one is nobody's.
            if (this.done || mine !== this.generation) {
              services.streams.dispose(streamId).catch(() => undefined);
              return;
            }
            this.id = streamId;
            routes.set(streamId, this);
            this.listener.opened?.(streamId);
            const mineEarly = early.filter((event) => event.streamId === streamId);
            early = early.filter((event) => event.streamId !== streamId);
            for (const event of mineEarly) this.receive(event);
          },
          (error: unknown) => {
            if (!this.done && mine === this.generation) this.listener.failed?.(toErrorDTO(error));
          },
        )
        .finally(() => {
          if (--opening === 0) early = [];
        });
    }

    private forget(): void {
      this.done = true;
      live.delete(this);
      if (this.id !== undefined) routes.delete(this.id);
    }
  }

  return new Proxy({} as Watch, {
    get:
      (_target, name) =>
      (...params: unknown[]): Disposable => {
        const last = params.pop();
        const listener = (typeof last === 'function' ? { delta: last } : last) as AnyListener;
        return new OpenStream(name as StreamName, params, listener);
      },
  });
}
