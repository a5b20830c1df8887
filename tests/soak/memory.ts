// Heap and RSS after a full garbage collection, with or without --expose-gc on the command line.
import v8 from 'node:v8';
import vm from 'node:vm';

export interface MemorySample {
  heap: number;
  rss: number;
}

function collector(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  // Turning the flag on at run time makes gc() available to contexts created afterwards.
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

const gc = collector();

export async function measureMemory(): Promise<MemorySample> {
  // Twice, with a turn of the event loop between: finalizers and weak callbacks free more on the second pass.
  for (let i = 0; i < 2; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
}
