// The lifecycle the control loops and the kubelets share: pausing freezes their queue, and stopping releases their
// subscriptions, timers and caches before the queue stops, so no late event can enqueue work into a stopped loop.

export interface ControlLoop {
  pause(): void;
  resume(): void;
  stop(): void;
}

/** Several loops as one: pause, resume and stop them together, then release what they shared (`release`). */
export function loopGroup(loops: ControlLoop[], release: () => void): ControlLoop {
  return {
    pause: () => loops.forEach((l) => l.pause()),
    resume: () => loops.forEach((l) => l.resume()),
    stop: () => {
      loops.forEach((l) => l.stop());
      release();
    },
  };
}

export abstract class QueuedLoop implements ControlLoop {
  private readonly releases: (() => void)[] = [];
  protected abstract readonly queue: ControlLoop;

  /** Registers what `stop` releases (a store subscription, a timer, a cache), in registration order. */
  protected onStop(release: () => void): void {
    this.releases.push(release);
  }

  pause(): void {
    this.queue.pause();
  }

  resume(): void {
    this.queue.resume();
  }

  stop(): void {
    for (const release of this.releases.splice(0)) release();
    this.queue.stop();
  }
}
