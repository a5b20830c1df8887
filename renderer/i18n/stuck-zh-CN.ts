import type stuckEn from './stuck-en';

// 卡住的状态（zh-CN.ts 中的 `stuck`）。集群给出的原因（CrashLoopBackOff、FailedCreate…）和消息按原文作为参数传入，
// 用「」引起来（stuck.quoted），与我们自己的中文分开。
const stuckZhCN: typeof stuckEn = {
  onNodeWhy: '节点 {node} 上{reason}：{why}',
  onNodesWhy: '{count} 个节点上{reason}：{why}',
  andMore: '{text}（另有 {count} 个原因）',
  label: { pending: '等待调度', notReady: '未就绪' },
  short: {
    cpu: 'CPU 不足',
    memory: '内存不足',
    ephemeralStorage: '临时存储不足',
    resource: '{resource} 不足',
    pods: '节点上的容器组数量已达上限',
    hostPort: '主机端口已被占用',
    taint: '未容忍污点「{taint}」',
  },
  problem: '{reason}：{why}',
  list: '{items}',
  quoted: '「{text}」',
  restarted: '已重启 {restarts} 次，上次退出码 {code}',
  restartedWith: '已重启 {restarts} 次，上次退出码 {code}（「{reason}」）',
  exit: '退出码 {code}',
  notReadyWhy: '容器在运行，但尚未就绪',
};

export default stuckZhCN;
