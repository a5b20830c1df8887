import type podsEn from './pods-en';

// 容器组面板的中文文案（zh-CN.ts 中的 `pods`）。
const podsZhCN: typeof podsEn = {
  title: '容器组 {pod}',
  forwarding: '正在将 {address} 转发到此容器组的端口 {port}。',
  close: '关闭',
  closeNamed: '关闭容器组 {pod} 的面板',
  loading: '正在加载容器组…',
  notFound: '项目 {namespace} 中没有容器组 {pod}。',
  deleted: '容器组 {pod} 已被删除。以下是它最后一次的状态。',
  badLink: '此链接未指向容器组：“{value}”不是“项目/容器组名称”的形式，例如 team-a/probe-x7k2p。',
  noContext: '此页面的集群连接后即显示该容器组。',
  error: '面板无法保持最新：{message}',
  facts: {
    label: '容器组信息',
    state: '状态',
    node: '节点',
    owner: '所属对象',
    project: '项目',
    age: '存在时间',
    restarts: '重启次数',
    reason: '原因',
    unbound: '未调度',
  },
  containers: {
    title: '容器（{count}）',
    table: '容器',
    name: '名称',
    image: '镜像',
    state: '状态',
    ready: '就绪',
    restarts: '重启次数',
    last: '上次终止',
    yes: '是',
    no: '否',
    none: '—',
    lastText: '「{reason}」（退出码 {code}）',
  },
  events: {
    none: '没有关于此容器组的事件。',
  },
  outcome: {
    deleted: '已删除容器组 {pod}；守护进程集控制器会创建新的容器组替换它。',
    deleteFailed: '无法删除容器组：{message}',
  },
};

export default podsZhCN;
