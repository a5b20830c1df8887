import { dialog } from 'electron';
import type { BrowserWindow } from 'electron';
import type { ConsentRequest } from '../contract/index.js';
import type { ConsentPolicy } from '../host/host-consent.js';

// The consent questions of the desktop app, asked by the main process in native dialogs: the renderer may ask for
// them, never answer them. Worded in the OS language (the main process has no vue-i18n); same terms as the page.

const texts = {
  en: {
    title: 'Run a credential program?',
    message: (context: string) => `Context "${context}" wants to run a program to get its credentials.`,
    program: 'Program',
    shell: 'Runs through the shell',
    args: 'Arguments',
    env: 'Environment variables set by the kubeconfig',
    none: 'none',
    file: 'Kubeconfig',
    warning: 'It runs with your rights. Allow it only if you trust this kubeconfig.',
    allow: 'Allow and connect',
    deny: "Don't run",
    cancel: 'Cancel',
    allowlistTitle: 'Change the allowlist?',
    allowlistMessage: 'These programs will run without asking, for every kubeconfig that names them:',
    allowlistConfirm: 'Add to the allowlist',
  },
  'zh-CN': {
    title: '运行凭证程序？',
    message: (context: string) => `上下文“${context}”要运行一个程序来获取凭证。`,
    program: '程序',
    shell: '通过 shell 运行',
    args: '参数',
    env: 'kubeconfig 设置的环境变量',
    none: '无',
    file: 'Kubeconfig',
    warning: '它以你的权限运行。只有信任此 kubeconfig 时才允许。',
    allow: '允许并连接',
    deny: '不运行',
    cancel: '取消',
    allowlistTitle: '修改允许列表？',
    allowlistMessage: '以下程序将不再询问即可运行（对所有引用它们的 kubeconfig）：',
    allowlistConfirm: '加入允许列表',
  },
};

type Texts = (typeof texts)['en'];

export function consentTexts(locale: string): Texts {
  return locale.toLowerCase().startsWith('zh') ? texts['zh-CN'] : texts.en;
}

/** The facts of a request, as lines: exactly what starts, its arguments one per line, env names, the file. */
export function describeRequest(request: ConsentRequest, t: Texts): string {
  const { program } = request;
  const lines = [`${t.program}: ${program.spawned.file}${program.shell ? ` (${t.shell})` : ''}`, `${t.args}:`];
  const args = program.spawned.args;
  lines.push(...(args.length > 0 ? args.map((arg, i) => `  ${i + 1}. ${arg}`) : [`  ${t.none}`]));
  lines.push(`${t.env}: ${program.envNames.length > 0 ? program.envNames.join(', ') : t.none}`);
  lines.push(`${t.file}: ${request.file}`, '', t.warning);
  return lines.join('\n');
}

export function nativeConsent(window: () => BrowserWindow | undefined, locale: () => string): ConsentPolicy {
  const box = (options: Electron.MessageBoxOptions) => {
    const parent = window();
    return parent === undefined ? dialog.showMessageBox(options) : dialog.showMessageBox(parent, options);
  };
  return {
    kind: 'native',
    confirmProgram: async (request) => {
      const t = consentTexts(locale());
      // "Don't run" is the default and Escape cancels: a stray Enter never runs anything.
      const { response } = await box({
        type: 'warning',
        title: t.title,
        message: t.message(request.context),
        detail: describeRequest(request, t),
        buttons: [t.deny, t.allow, t.cancel],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
      });
      return response === 1 ? 'allow' : response === 0 ? 'deny' : 'cancel';
    },
    confirmAllowlist: async (added) => {
      const t = consentTexts(locale());
      const { response } = await box({
        type: 'warning',
        title: t.allowlistTitle,
        message: t.allowlistMessage,
        detail: added.join('\n'),
        buttons: [t.cancel, t.allowlistConfirm],
        defaultId: 0,
        cancelId: 0,
        noLink: true,
      });
      return response === 1;
    },
  };
}
