import { draftPut } from '../../contract/index.js';
import { AppError } from '../errors.js';

/**
 * Assembles a draft put sent in parts (drafts.putPart) for one client: in order, one put at a time (a new save id
 * drops an unfinished older one, which the newer one replaces anyway). Returns the put's arguments once complete,
 * checked as drafts.put checks its own.
 */
export class DraftParts {
  private saveId: string | undefined;
  private parts: string[] = [];

  add(saveId: string, index: number, count: number, part: string): [string, unknown, number] | undefined {
    if (saveId !== this.saveId) {
      this.saveId = saveId;
      this.parts = [];
    }
    if (index !== this.parts.length || index >= count) {
      this.saveId = undefined;
      throw new AppError('invalid-argument', `Draft not saved: part ${index + 1} of ${count} came out of order.`);
    }
    this.parts.push(part);
    if (this.parts.length < count) return undefined;
    const text = this.parts.join('');
    this.saveId = undefined;
    this.parts = [];
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new AppError('invalid-argument', 'Draft not saved: the parts do not make up JSON.');
    }
    const checked = draftPut.safeParse(value);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
      throw new AppError('invalid-argument', `Draft not saved: ${issue?.message ?? 'not a draft'}${where}.`);
    }
    return checked.data;
  }
}
