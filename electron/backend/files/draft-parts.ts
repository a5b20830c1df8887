import { editorDrafts, type EditorDrafts } from '../../contract/index.js';
import { AppError } from '../errors.js';

/**
 * Assembles a drafts save sent in parts (editor.saveDraftsPart) for one client: in order, one save at a time (a new
 * save id drops an unfinished older one, which the newer one replaces anyway). Returns the drafts once complete.
 */
export class DraftParts {
  private saveId: string | undefined;
  private parts: string[] = [];

  add(saveId: string, index: number, count: number, part: string): EditorDrafts | undefined {
    if (saveId !== this.saveId) {
      this.saveId = saveId;
      this.parts = [];
    }
    if (index !== this.parts.length || index >= count) {
      this.saveId = undefined;
      throw new AppError('invalid-argument', `Drafts not saved: part ${index + 1} of ${count} came out of order.`);
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
      throw new AppError('invalid-argument', 'Drafts not saved: the parts do not make up JSON.');
    }
    const checked = editorDrafts.safeParse(value);
    if (!checked.success) {
      throw new AppError('invalid-argument', `Drafts not saved: ${checked.error.issues[0]?.message ?? 'not drafts'}.`);
    }
    return checked.data;
  }
}
