import keyboardZhCN from '../keyboard/keyboard-zh-CN';
import consentZhCN from '../clusters/consent-zh-CN';
import nodesZhCN from '../nodes/nodes-zh-CN';
import clustersPageZhCN from '../clusters/clusters-page-zh-CN';
import nodeViewZhCN from '../nodes/node-view-zh-CN';
import listZhCN from '../list/list-zh-CN';
import draftsZhCN from '../drafts/drafts-zh-CN';
import editorZhCN from '../editor/editor-zh-CN';
import type { Catalogue } from './en';
import wizardZhCN from '../wizard/wizard-zh-CN';
import stuckZhCN from './stuck-zh-CN';
import detailZhCN from '../detail/detail-zh-CN';
import fleetZhCN from '../fleet/fleet-zh-CN';
import execZhCN from '../exec/exec-zh-CN';
// ---- issue 15: the pod panel ----
import podsZhCN from '../pods/pods-zh-CN';
import forwardZhCN from '../forward/forward-zh-CN';
// ---- issue 16: metrics ----
import metricsZhCN from '../metrics/metrics-zh-CN';
// ---- issue 18: links between objects, Helm ----
import linksZhCN from '../links/links-zh-CN';

// Simplified Chinese, with the seed's glossary (product.md section 6): 守护进程集, 项目, 更新中, 运行中, 已停止,
// 节点选择器, 标签; pods are 容器组 as in the KubeSphere console.
const zhCN: Catalogue = {
  app: {
    name: 'Everynode',
    connectionLost: '与 Everynode 主机的连接已断开，正在重新连接…',
    listSeparator: '，',
    parenthesized: '（{text}）',
    sentenceJoin: '',
  },
  language: { label: '语言', en: 'English', zhCN: '中文' },
  theme: { label: '主题', system: '跟随系统', light: '浅色', dark: '深色' },
  cluster: {
    label: '集群',
    option: '{label} · {cluster} · {host} · {state}',
    optionNoServer: '{label} · {cluster} · {state}',
    sandbox: '{name} — 沙箱（模拟）',
    problem: '{name} — 不可用',
    none: '没有上下文',
    addKubeconfig: '添加 kubeconfig…',
    added: '已添加 {name}。',
    sourceError: '无法使用 {label}：{error}',
    dismiss: '关闭',
    sandboxFile: { summary: '沙箱 kubeconfig', hint: '配合 kubectl 使用：' },
    state: {
      'not-connected': '未连接',
      connecting: '正在连接…',
      connected: '已连接',
      unreachable: '无法访问',
      unauthorized: '未认证',
      forbidden: '无权限',
      error: '错误',
      'needs-consent': '等待同意',
      'needs-confirmation': '等待确认',
      'not-responding': '无响应',
    },
    insecureOption: '{name} — 不安全',
    uploadTooLarge: '未添加 {name}：文件大小为 {size} MB，kubeconfig 最大为 4 MB。',
    insecure: {
      'plain-http': '不安全：“{name}”使用明文 HTTP，所有内容均未加密，网络中的任何人都能读取或篡改发送的内容。',
      'skip-tls-verify':
        '不安全：“{name}”不校验服务器证书（insecure-skip-tls-verify），路径上的任何人都能冒充该集群并获取您的凭证。',
    },
    notResponding: '“{name}”的 API 服务器无响应。显示的内容可能已过时，Everynode 会持续检查。',
  },
  project: {
    label: '项目',
    all: '全部项目',
    add: '添加项目…',
    addTitle: '添加项目',
    addHint: '您无权列出此集群的所有命名空间。请输入一个您有权访问的命名空间。',
    namespace: '命名空间',
    addButton: '添加项目',
    adding: '正在检查权限…',
  },
  list: {
    title: '守护进程集',
    description: '守护进程集保证在每个节点上都运行一个容器副本，常用来部署集群的日志、监控或者其他系统管理应用。',
    search: '搜索',
    searchPlaceholder: '名称或标签，例如 app=agent',
    statusFilter: '状态',
    allStatuses: '全部状态',
    shown: '显示 {shown} / {total}',
    selected: '已选择 {count} 项',
    redeploySelected: '重新部署所选',
    deleteSelected: '删除所选',
    clearSelection: '取消选择',
  },
  summary: {
    label: '项目概况',
    podQuota: '容器组配额',
    cpu: 'CPU',
    memory: '内存',
    used: '{used} / {hard}',
    noQuota: '无配额',
    daemonSets: '守护进程集',
    pods: '容器组',
    totalsOnly: '全部项目的合计',
  },
  column: {
    select: '选择',
    name: '名称',
    project: '项目',
    status: '状态',
    strategy: '更新策略',
    images: '镜像',
    nodeSelector: '节点选择器',
    created: '创建时间',
    actions: '操作',
  },
  row: {
    selectAll: '选择所有显示的守护进程集',
    select: '选择 {name}',
    redeploy: '重新部署',
    redeployNamed: '重新部署 {name}',
    edit: '编辑',
    editNamed: '编辑 {name}',
    delete: '删除',
    deleteNamed: '删除 {name}',
    ready: '{ready}/{desired} 就绪',
    allNodes: '所有节点',
  },
  podPhase: { Pending: '等待中', Running: '运行中', Succeeded: '已成功', Failed: '已失败', Unknown: '未知' },
  strategy: { RollingUpdate: '滚动更新', OnDelete: '删除后更新' },
  status: {
    Updating: '更新中',
    Running: '运行中',
    Stopped: '已停止',
    reason: {
      notObserved: '等待控制器处理最新的变更',
      noNodes: '没有节点符合其节点选择器',
      pulling: '正在 {count}/{desired} 个节点上拉取镜像',
      onNode: '节点 {node} 上{reason}',
      onNodes: '{count} 个节点上{reason}',
      misscheduled: '{count} 个容器组运行在不应运行的节点上',
      updated: '{updated}/{desired} 个容器组已更新',
      available: '{available}/{desired} 个容器组可用',
      oldRevision: '{old}/{total} 个容器组仍是旧版本，删除它们即可更新',
    },
  },
  age: { seconds: '{n} 秒前', minutes: '{n} 分钟前', hours: '{n} 小时前', days: '{n} 天前', unknown: '—' },
  del: {
    title: '删除守护进程集 {name}？ | 删除 {count} 个守护进程集？',
    body: '此操作无法撤销。',
    more: '…以及另外 {count} 个',
    pods: '其容器组',
    cascade: '同时删除其容器组',
    orphan: '保留容器组（没有守护进程集也继续运行）',
    confirm: '删除',
    cancel: '取消',
  },
  bulk: listZhCN,
  outcome: {
    redeployed: '已重新部署 {name}。 | 已重新部署 {count} 个守护进程集。',
    deleted: '已删除 {name}。 | 已删除 {count} 个守护进程集。',
    failed: '{name}：{message}',
    partial: '{total} 项中 {ok} 项成功。',
    dismiss: '关闭',
  },
  state: {
    loading: '正在加载守护进程集…',
    loadingClusters: '正在读取 kubeconfig…',
    emptyTitle: '此项目中没有守护进程集',
    emptyHint: '可以点击上方的“{create}”按钮（或用 kubectl apply）创建，或在左上角切换到其他项目。',
    noMatchTitle: '没有匹配的守护进程集',
    noMatchHint: '请修改搜索条件或状态筛选。',
    noContextTitle: '没有可连接的集群',
    noContextHint: '添加 kubeconfig 文件后，其中的集群会显示在这里。',
    unreachable: '无法访问集群',
    unauthorized: '集群未接受您的凭证',
    forbidden: '您无权查看此内容',
    error: '出现错误',
    connecting: '正在连接 {name}…',
    retry: '重试',
    connect: '连接',
    waitingForChoice: '尚未连接',
    plainHttpTitle: '以未加密方式发送凭证？',
    plainHttpConfirm: '通过明文 HTTP 发送',
    notResponding: '集群无响应',
  },
  wizard: wizardZhCN,
  detail: detailZhCN,
  exec: execZhCN,
  forward: forwardZhCN,
  metrics: metricsZhCN,
  links: linksZhCN,
  stuck: stuckZhCN,
  consent: consentZhCN,
  clustersPage: clustersPageZhCN,
  nodes: nodesZhCN,
  fleet: fleetZhCN,
  nodeView: nodeViewZhCN,
  pods: podsZhCN,
  editor: editorZhCN,
  drafts: draftsZhCN,
  // issue 18: the command palette and the shortcuts dialog
  keyboard: keyboardZhCN,
};

export default zhCN;
