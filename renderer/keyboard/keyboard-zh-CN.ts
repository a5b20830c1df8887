import type en from './keyboard-en';

// 键盘：命令面板、快捷键对话框与各命令的名称。
const zhCN: typeof en = {
  command: {
    palette: '打开命令面板',
    shortcuts: '显示键盘快捷键',
    search: '搜索本页',
    createDaemonSet: '创建守护进程集',
    openList: '打开守护进程集',
    openNodes: '打开节点',
    openFleet: '打开多集群',
    openClusters: '打开集群',
  },
  palette: {
    button: '转到…',
    title: '命令面板',
    label: '转到守护进程集、节点、项目或上下文，或执行操作',
    placeholder: '输入名称的一部分',
    results: '结果',
    empty: '没有与“{query}”匹配的内容。',
    hint: '↑ ↓ 移动，Enter 打开，Escape 关闭',
    kind: {
      action: '操作',
      daemonSet: '守护进程集',
      node: '节点',
      project: '项目',
      context: '上下文',
    },
    switchLanguage: '切换语言：{language}',
    switchContext: '切换到上下文 {name}',
    showProject: '显示项目 {name}',
    loadingNodes: '正在加载节点…',
  },
  terminal: {
    then: '再按',
    next: '离开终端，移到下一个控件',
    previous: '离开终端，移到上一个控件',
    close: '关闭容器组面板（在详情页中：关闭终端）',
  },
  shortcuts: {
    title: '键盘快捷键',
    key: '按键',
    action: '操作',
    close: '关闭',
    everywhere: '在文本框中也可使用',
    general: '通用',
    generalRows: {
      tab: '移到下一个或上一个控件',
      activate: '按下获得焦点的按钮或链接，打开获得焦点的行',
      escape: '关闭菜单、建议列表或询问对话框；向导和编辑模式保持打开（用其“关闭”按钮关闭）',
      editor:
        '在代码编辑器中其自身按键优先（补全、搜索、撤销），应用快捷键暂不生效；在终端中除下列终端按键外所有按键都发送给 Shell',
    },
    terminal: '终端中',
    keys: { tab: 'Tab / Shift+Tab', activate: 'Enter / Space', escape: 'Escape', editor: '代码编辑器、终端' },
  },
};

export default zhCN;
