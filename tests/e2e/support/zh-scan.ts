// The zh-CN scan (issue 18 point 7): what on the page is English although the app speaks Chinese. Two sources:
// catalogue keys vue-i18n could not find (recorded by renderer/i18n on window.__i18nMissing), and runs of Latin
// words in the DOM's text and in the attributes people read (aria-label, title, placeholder, alt), open shadow roots
// (CodeMirror) included. Text from the cluster is exempt where the app marks it: an element with data-cluster-text
// (object names, images, labels, quoted API server, event and log messages) and what the user typed (the editor's
// document, the terminal). A few terms the glossary keeps in Latin are allowed anywhere.
import type { Page } from '@playwright/test';

/** Terms Chinese text keeps in Latin: formats, tools, units and Kubernetes field values shown as written. */
export const LATIN_TERMS = [
  'Everynode',
  // The language picker names each language in itself.
  'English',
  'Kubernetes',
  'kubectl',
  'kubeconfig',
  'YAML',
  'JSON',
  'CSV',
  'CPU',
  'Helm',
  'API',
  'URL',
  'HTTP',
  'HTTPS',
  'TLS',
  'ID',
  'IP',
  'UID',
  'DNS',
  'TCP',
  'UDP',
  'Ctrl',
  'Cmd',
  'Shift',
  'Alt',
  'Enter',
  'Esc',
  'Escape',
  'KUBECONFIG',
  'OOM',
  'PersistentVolumeClaim',
  'Tab',
  'Ki',
  'Mi',
  'Gi',
  'KiB',
  'MiB',
  'GiB',
  'MB',
  'ms',
  'Shell',
  'OnDelete',
  'RollingUpdate',
  'Always',
  'IfNotPresent',
  'Never',
  'NoSchedule',
  'NoExecute',
  'PreferNoSchedule',
  'Exists',
  'Equal',
  'ConfigMap',
  'Secret',
  'PVC',
  'ServiceAccount',
  'hostPath',
  'HostPath',
  'SCTP',
  'PID',
  'Space',
  'emptyDir',
  'kubernetes-types',
];

export interface ScanResult {
  /** Catalogue keys vue-i18n did not find, as `locale:key`. */
  missing: string[];
  /** English from our code: `where: text`. */
  english: string[];
}

/**
 * Scans the page as it is now. Text nodes showing the cluster's words must be marked to be exempt; an attribute
 * cannot hold a marked part, so `clusterNames` (the fixture's names without a dash) are taken out of attribute values.
 */
export async function scanChinese(page: Page, clusterNames: string[]): Promise<ScanResult> {
  return page.evaluate(
    ({ terms, names }) => {
      const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const byLength = (list: string[]): string[] => [...list].sort((a, b) => b.length - a.length);
      const termRe = new RegExp(`(?<![A-Za-z])(${byLength(terms).map(escape).join('|')})(?![A-Za-z])`, 'g');
      const nameRe = new RegExp(byLength(names).map(escape).join('|'), 'g');
      // A name joined by a dash, dot, colon, slash or = (kube-proxy, worker-1, busybox:1.36, app=agent) is an
      // object's, put into one of our sentences ("项目 zh-team 中没有…"); English prose does not write words so.
      const dnsName = /[A-Za-z0-9]+(?:[-.:/=][A-Za-z0-9]+)+/g;
      const latinWord = /[A-Za-z][A-Za-z'’]*[A-Za-z]/;
      const english = new Set<string>();
      const where = (el: Element): string => {
        const id = el.id ? `#${el.id}` : '';
        const testId = el.getAttribute('data-testid');
        return `${el.tagName.toLowerCase()}${id}${testId ? `[${testId}]` : ''}`;
      };
      const check = (text: string, el: Element, how: string): void => {
        // Quoted is verbatim: 「…」 holds what the cluster said, “…” a field path or a name the user typed.
        const unquoted = text.replace(/「[^」]*」|“[^”]*”/g, ' ');
        const named = unquoted.replace(dnsName, ' ');
        const rest = (how === '' ? named : named.replace(nameRe, ' ')).replace(termRe, ' ');
        if (latinWord.test(rest)) english.add(`${where(el)}${how}: ${text.trim().slice(0, 160)}`);
      };
      const exempt = (el: Element): boolean =>
        el.matches('script, style, [data-cluster-text], .cm-content, .cm-gutters, .xterm, svg');
      const visit = (root: Node): void => {
        for (const child of root.childNodes) {
          if (child.nodeType === Node.TEXT_NODE) {
            const text = child.textContent ?? '';
            if (text.trim() !== '' && child.parentElement) check(text, child.parentElement, '');
          } else if (child instanceof Element) {
            if (exempt(child)) continue;
            for (const attr of ['aria-label', 'title', 'placeholder', 'alt']) {
              const value = child.getAttribute(attr);
              if (value) check(value, child, `@${attr}`);
            }
            if (child.shadowRoot) visit(child.shadowRoot);
            visit(child);
          }
        }
      };
      visit(document.body);
      return {
        missing: (window as { __i18nMissing?: string[] }).__i18nMissing ?? [],
        english: [...english],
      };
    },
    { terms: LATIN_TERMS, names: clusterNames },
  );
}
