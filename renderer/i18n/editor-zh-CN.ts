import type editorEn from './editor-en';

// 编辑模式的中文消息（zh-CN.ts 中的 `editor`）。
const editorZhCN: typeof editorEn = {
  open: '编辑 YAML',
  title: '编辑模式',
  close: '关闭（保留草稿）',
  offline: '离线：未连接集群。编辑、按内置 Schema 校验、导入和导出均可使用；应用需要连接集群。',
  schemaSource: 'Schema：{source}',
  files: '文件',
  documents: '{file} 中的文档',
  noFiles: '没有打开的文件。',
  newFile: '新建',
  newFromTemplate: '从模板新建',
  template: {
    'node-exporter': 'node-exporter 守护进程集',
    'log-collector': '日志收集守护进程集',
  },
  import: '导入文件',
  exportFile: '导出此文件',
  exportAll: '全部导出',
  exportAs: '导出格式',
  closeFile: '关闭 {file}',
  yaml: 'YAML',
  json: 'JSON',
  closeMark: '×',
  format: '格式',
  editorLabel: '{file} 的代码',
  untitledDocument: '文档 {index}',
  problems: '问题',
  noProblems: '未发现问题。',
  problemAt: '第 {line} 行，第 {column} 列',
  severity: {
    error: '错误',
    warning: '警告',
    info: '提示',
  },
  draftSaved: '草稿已保存 {time}',
  notice: {
    restored: '已恢复上次会话的 {count} 个草稿文件。',
    refused: '未打开：{files}。只能打开不超过 20 MB 的文本文件。',
    managedHidden: '已在 {count} 个文档中隐藏服务器管理的字段（managedFields）。',
    cannotConvert: '文本无法解析，不能切换格式：{reason}',
    commentsDropped: '已切换为 JSON：JSON 不支持注释，YAML 注释已被移除。',
    cannotExport: '无法导出 {file}：请先修复语法错误。',
    draftNotSaved: '草稿未能保存（存储空间已满）。',
  },
};

export default editorZhCN;
