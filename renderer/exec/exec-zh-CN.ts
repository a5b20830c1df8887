import type execEn from './exec-en';

// 终端的中文文案（zh-CN.ts 中的 `exec`），键与 exec-en.ts 一致。
const execZhCN: typeof execEn = {
  open: '终端',
  openNamed: '在 {pod} 中打开终端',
  forbidden: '无权限：打开终端需要此项目中 pods/exec 的 {verbs} 权限。',
  verbJoin: '和',
  title: '{node} 上 {pod} 的终端',
  container: '容器',
  terminal: '{pod} 的终端',
  copy: '复制所选内容',
  paste: '粘贴',
  reconnect: '重新连接',
  close: '关闭终端',
  keys: { colon: '：', next: '下一个控件', previous: '上一个控件', close: '关闭' },
  state: {
    opening: '正在连接…',
    open: '已连接。Ctrl+Shift+C 复制，Ctrl+Shift+V 粘贴。',
    exited: '终端已退出，退出码 {code}。',
    'pod-deleted': '容器组已被删除，终端已结束。',
    'connection-lost': '连接已断开：{message}',
    'credentials-expired': '会话已结束：{message}',
    closed: '终端已结束：{message}',
    failed: '无法打开终端：{message}',
  },
};

export default execZhCN;
