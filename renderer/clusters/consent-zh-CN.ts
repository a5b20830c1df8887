import type consentEn from './consent-en';

const consentZhCN: typeof consentEn = {
  title: '运行凭证程序？',
  body: '要连接上下文“{context}”，其 kubeconfig 要求 Everynode 在您的计算机上运行以下程序，该程序将以您的权限运行。目前尚未运行任何程序。',
  command: '命令',
  arguments: '参数',
  env: '环境变量',
  file: 'Kubeconfig 文件',
  kind: '类型',
  authProvider: '旧版认证提供程序（cmd-path，通过 shell 运行）',
  none: '无',
  warning: '仅当您信任此 kubeconfig 的来源时才允许。您的选择会针对此文件、命令和参数被记住。',
  allow: '允许并连接',
  deny: '不运行',
  settingsButton: '凭证程序',
  settingsTitle: '凭证程序',
  settingsHint: 'kubeconfig 文件要求运行的程序以及您的选择。撤销后将再次询问。',
  decisions: '已记住的选择',
  noDecisions: '暂无选择。',
  decision: '选择',
  actions: '操作',
  allowed: '已允许',
  refused: '未运行',
  revoke: '撤销',
  revokeLabel: '撤销对 {command} 的选择',
  allowlist: '允许列表',
  allowlistHint: '每行一项：PATH 中的命令名（例如 gke-gcloud-auth-plugin）或绝对路径。这些程序无需询问即可运行。',
  saveAllowlist: '保存允许列表',
  close: '关闭',
  executable: '运行',
  shell: '通过 shell 运行：其参数为 shell 文本',
  nativeHint: '您将在应用的系统对话框中确认，此页面无法代您作答。',
  moreWaiting: '此后还有其他上下文等待您的答复：{contexts}',
  allowlistReadOnly:
    '在浏览器主机中，允许列表在主机启动时设置（--allow-program），或写在其状态目录的 consent.json 中，不能在此页面修改。',
  waitingTitle: '正在等待您的同意',
  waitingHint:
    '此上下文需要运行凭证程序，目前尚未运行任何程序。请在对话框中作答，或打开顶部的“凭证程序”修改之前的选择。',
};

export default consentZhCN;
