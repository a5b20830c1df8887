import type nodesEn from './nodes-en';

const nodesZhCN: typeof nodesEn = {
  link: '节点',
  title: '节点',
  description:
    '集群的每个节点对照项目的每个守护进程集：其容器组是否在该节点运行，若没有，原因是什么。单元格随集群实时变化。',
  loading: '正在加载节点和守护进程集…',
  noDaemonSets: '此项目中没有守护进程集，因此任何节点都不需要代理。',
  noNodes: '没有符合条件的节点。',
  noContext: '请选择一个集群以查看其节点。',
  nodesForbidden: '您无权列出此集群的节点：行只包含运行容器组的节点，无法判断节点是否需要容器组。',
  podsForbidden: '无法列出这些项目中的容器组：{namespaces}——其单元格显示为未知。',
  shown: '{nodes} / {total} 个节点 · {columns} 个守护进程集',
  filters: {
    missing: '仅显示缺少代理的节点',
    failing: '仅显示代理失败的节点',
    label: '节点标签',
    labelHint: '键 或 键=值',
    daemonSet: '守护进程集',
    allDaemonSets: '全部守护进程集',
  },
  export: {
    csv: '导出 CSV',
    json: '导出 JSON',
  },
  grid: {
    project: '项目',
    label: '{context} 各节点上的守护进程集覆盖情况',
    node: '节点',
    covered: '已覆盖',
    perNode: '正常代理',
    nodeSummary: '{ok} / {expected}',
    columnSummary: '{covered} / {eligible}',
    columnSummaryTitle: '{eligible} 个符合条件的节点中已覆盖 {covered} 个',
  },
  state: {
    available: '可用',
    updating: '更新中',
    starting: '启动中',
    failing: '失败',
    missing: '缺失',
    notWanted: '不需要',
    unknown: '未知',
  },
  cellWhy: '{state}：{why}',
  cellMessage: '{text}——{message}',
  why: {
    selector: '节点选择器「{detail}」',
    affinity: '节点亲和性「{detail}」',
    taint: '污点「{detail}」',
    createFailed: '未能创建：{message}',
    notCreated: '尚未创建容器组',
    cpu: 'CPU 不足',
    memory: '内存不足',
    pods: '节点上的容器组过多',
    hostPort: '主机端口 {port} 已被占用',
    pending: '等待中：{what}',
  },
};

export default nodesZhCN;
