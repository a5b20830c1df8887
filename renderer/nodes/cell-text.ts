import type { MatrixCell } from '../../electron/contract/matrix-dto';

type Translate = (key: string, values?: Record<string, unknown>) => string;

// What a cell says beside its state, translated where the words are ours; the cluster's own reasons
// (ImagePullBackOff, a quota message) stay as the cluster wrote them, quoted (「…」 in Chinese: stuck.quoted).
export function whyText(t: Translate, cell: MatrixCell): string {
  const why = cell.why;
  switch (why?.kind) {
    case undefined:
      return '';
    case 'selector':
    case 'affinity':
    case 'taint':
      return t(`nodes.why.${why.kind}`, { detail: why.detail });
    case 'pod': {
      const short = why.shortfalls ?? [];
      if (why.reason === 'Unschedulable' && short.length > 0) {
        const what = short
          .map((s) => (s === 'cpu' || s === 'memory' ? t(`nodes.why.${s}`) : t('stuck.quoted', { text: s })))
          .join(t('app.listSeparator'));
        return t('nodes.why.pending', { what });
      }
      return t('stuck.quoted', { text: why.reason });
    }
    case 'createFailed':
      return t('nodes.why.createFailed', { message: t('stuck.quoted', { text: why.message }) });
    case 'notCreated':
      return t('nodes.why.notCreated');
    case 'fit':
      return why.problems
        .map((p) => (p.kind === 'hostPort' ? t('nodes.why.hostPort', { port: p.port }) : t(`nodes.why.${p.kind}`)))
        .join(t('app.listSeparator'));
  }
}

/** A cell's tooltip: its pod, then its state, why, and the cluster's message quoted. */
export function cellTitle(t: Translate, cell: MatrixCell, state: string): string {
  const why = whyText(t, cell);
  let text = why ? t('nodes.cellWhy', { state, why }) : state;
  if (cell.why?.kind === 'pod' && cell.why.message) {
    text = t('nodes.cellMessage', { text, message: t('stuck.quoted', { text: cell.why.message }) });
  }
  return [cell.pod, text].filter(Boolean).join('\n');
}
