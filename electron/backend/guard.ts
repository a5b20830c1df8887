import type { EverynodeServices } from '../contract/index.js';
import { AppError } from './errors.js';
import type { ContextSession } from './session/session.js';

type Method = (...args: never[]) => Promise<unknown>;

/** A method's handler: the same arguments, and its value returned or promised (the wrapper awaits it). */
type Handler<M> = M extends (...args: infer A) => Promise<infer R> ? (...args: A) => R | Promise<R> : never;

/** One group of the contract as handlers: every method of the group, none left out. */
export type GroupHandlers<G> = { [M in keyof G]: Handler<G[M]> };

/** A whole service interface as handlers; a method added to the contract without one here does not compile. */
export type ServiceHandlers<S = EverynodeServices> = { [G in keyof S]: GroupHandlers<S[G]> };

// Every public method turns unexpected failures into AppErrors, so hosts never forward a raw error text.
async function guard<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('internal', 'The request failed unexpectedly.');
  }
}

/** The contract's services from a handler table: each method runs its handler inside guard(). */
export function guardServices(handlers: ServiceHandlers): EverynodeServices {
  return guardGroups<EverynodeServices>(handlers);
}

/** guardServices for any interface of method groups (generic, so the run-time table casts to a type parameter). */
export function guardGroups<S>(handlers: ServiceHandlers<S>): S {
  const groups = Object.entries(handlers).map(([group, methods]) => {
    const wrapped = Object.entries(methods as Record<string, (...args: unknown[]) => unknown>).map(
      ([name, handler]) => [name, (...args: unknown[]) => guard(() => handler(...args))] as const,
    );
    return [group, Object.fromEntries(wrapped) as Record<string, Method>] as const;
  });
  return Object.fromEntries(groups) as S;
}

/**
 * Addresses a session-taking function by context: `(session, ...rest)` becomes `(context, ...rest)`, the session
 * looked up by `sessionFor` (which refuses a context that has none).
 */
export function byContext(sessionFor: (context: string) => Promise<ContextSession>) {
  return <A extends unknown[], R>(work: (session: ContextSession, ...rest: A) => R | Promise<R>) =>
    async (context: string, ...rest: A): Promise<R> =>
      work(await sessionFor(context), ...rest);
}
