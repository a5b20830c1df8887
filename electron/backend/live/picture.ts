import type { ContextSession } from '../session/session.js';
import type { InformerHandle, WatchManager } from '../watch/manager.js';
import type { Producer } from './producer.js';
import type { Kind } from '../kinds/kinds.js';
import type { KubeObject } from '../kinds/objects.js';
import { watchKind, type Projection, type Scope } from '../kinds/source.js';

export interface PictureOptions<D> {
  session: ContextSession;
  manager: WatchManager;
  flushMs: number;
  emit(picture: D): void;
}

/** An informer a producer holds, and its listener. */
export interface Held<T extends KubeObject> {
  handle: InformerHandle<T>;
  dispose(): void;
}

/**
 * A stream whose every delta is a complete picture (the node view, the pod panel): it holds informers until it is
 * disposed, and any change or status of any of them sends one new picture, debounced by `flushMs`.
 */
export abstract class PictureProducer<D> implements Producer<D> {
  protected disposed = false;
  private timer: NodeJS.Timeout | undefined;
  private last: D | undefined;
  private readonly held: Held<KubeObject>[] = [];

  constructor(private readonly picturing: PictureOptions<D>) {}

  abstract start(): void | Promise<void>;

  /** The picture of what the informers hold now. */
  protected abstract picture(): D;

  /** The last picture sent: a late joiner starts from it. */
  current(): D | undefined {
    return this.last;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.timer);
    for (const held of this.held) {
      held.dispose();
      held.handle.dispose();
    }
  }

  protected hold<T extends KubeObject>(kind: Kind<T>, scope: Scope): Held<T>;
  protected hold<P extends KubeObject>(kind: Kind, scope: Scope, projection: Projection<P>): Held<P>;
  protected hold(kind: Kind, scope: Scope, projection?: Projection<KubeObject>): Held<KubeObject> {
    const { manager, session } = this.picturing;
    const handle = projection
      ? watchKind(manager, session, kind, scope, projection)
      : watchKind(manager, session, kind, scope);
    const listener = handle.informer.addListener({ onEvents: () => this.schedule(), onStatus: () => this.schedule() });
    const held = { handle, dispose: () => listener.dispose() };
    this.held.push(held);
    return held;
  }

  protected schedule(): void {
    if (this.disposed) return;
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      if (this.disposed) return;
      this.last = this.picture();
      this.picturing.emit(this.last);
    }, this.picturing.flushMs);
  }
}
