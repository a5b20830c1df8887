// The Status errors the real API server answers for bad patch bodies (apiserver handlers/patch.go and
// apimachinery mergepatch/errors.go), built on the sandbox's StatusError.

import { StatusError } from '../errors.js';
import { goFormat } from './json.js';

export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

/** A generic 422 as NewGenericServerResponse builds it: the underlying message is not shown to the client. */
export function unprocessable(): StatusError {
  return new StatusError(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
}

/** Errors strategic merge does not classify reach the client as 500s. */
export function internal(message: string): StatusError {
  return new StatusError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

export const smpErrors = {
  badJsonDoc: () => badRequest('invalid JSON document'),
  noListOfLists: () => unprocessable(),
  badPrimitiveList: () => badRequest('invalid patch format of primitive list'),
  badRetainKeys: () => badRequest('invalid patch format of retainKeys'),
  badSetElementOrder: () => badRequest('invalid patch format of setElementOrder list'),
  noMergeKey: (m: unknown, key: string) => internal(`map: ${goFormat(m)} does not contain declared merge key: ${key}`),
  badPatchType: (type: unknown, m: unknown) => internal(`unknown patch type: ${goFormat(type)} in map: ${goFormat(m)}`),
  badArgType: (expected: string, actual: unknown) =>
    internal(`expected a ${expected}, but received a ${Array.isArray(actual) ? '[]interface {}' : typeof actual}`),
};
