import type draftsEn from './drafts-en';

const draftsZhCN: typeof draftsEn = {
  restored: '已恢复上次会话的 {count} 份草稿：{what}。 | 已恢复上次会话的 {count} 份草稿：{what}。',
  what: {
    wizard: '创建表单',
    editor: '编辑模式中没有文件 | 编辑模式中的 1 个文件 | 编辑模式中的 {count} 个文件',
    edit: '对 {name} 的编辑（项目 {namespace}，上下文 {context}）',
  },
  previous:
    '上次会话中 {count} 份草稿的较早版本与当前保存的不同。 | 上次会话中 {count} 份草稿的较早版本与当前保存的不同。',
  bringBack: '恢复较早版本',
  broughtBack: '已恢复较早版本：{what}。',
  discarded: '已丢弃草稿：{what}。',
  undo: '撤销丢弃',
  conflict: '{what}已在另一个窗口或标签页中保存，因此此窗口对它的更改未保存。',
  loadSaved: '载入已保存的版本',
  keepMine: '用此窗口的版本覆盖',
  failed: '{what}未保存：{reason}',
  unknown: '一份草稿',
  dismiss: '关闭',
};

export default draftsZhCN;
