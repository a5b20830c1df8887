import type metricsEn from './metrics-en';

// 资源用量的中文文案（zh-CN.ts 中的 `metrics`），键与 metrics-en.ts 一致。
const metricsZhCN: typeof metricsEn = {
  cpu: 'CPU',
  memory: '内存',
  resourceName: { cpu: 'CPU', memory: '内存' },
  chart: '图表',
  chartNamed: '显示 {pod} 的 CPU 和内存图表',
  noSample: '暂无采样',
  window: {
    none: '暂无采样（每 {interval} 秒采样，保留 {span} 分钟）',
    seconds: '最近 {covered} 秒（窗口 {span} 分钟）',
    minutes: '最近 {covered} 分钟（窗口 {span} 分钟）',
  },
  unavailable: '此集群未提供指标 API（metrics.k8s.io），因此不显示 CPU 和内存。',
  forbidden: '无权限：显示 CPU 和内存需要此项目中 {resource} 的 {verb} 权限。',
  forbiddenCluster: '无权限：显示 CPU 和内存需要 {resource} 的 {verb} 权限。',
  failed: '上次采样失败：{message}',
  overhead: {
    title: '代理在各节点上的开销',
    table: '各容器的开销',
    container: '容器',
    pods: '容器组',
    resource: '资源',
    min: '最小值',
    median: '中位数',
    p95: 'p95',
    max: '最大值',
    none: '此守护进程集的容器组尚无采样。',
    nearTitle: '最接近限制的容器',
    nearNone: '此守护进程集的容器均未设置 CPU 或内存限制。',
    near: '{node} 上的 {pod}：{container} 使用 {usage}，为其{resource}限制 {limit} 的 {percent}%',
    oomTitle: '因内存不足被终止（「OOMKilled」）而重启',
    oomNone: '没有容器因内存不足（OOM）被终止。',
    oom: '{node} 上的 {pod}：{container} 因内存不足（OOM）被终止（重启次数：{restarts}）',
  },
  chartPanel: {
    title: '{pod} 的 CPU 和内存',
    time: '时间',
    cpuAxis: 'CPU（m）',
    memoryAxis: '内存（Mi）',
    limit: '限制：{limits}',
    noLimit: '未设置限制',
    close: '关闭图表',
  },
  node: {
    usage: '节点用量：CPU {cpu} · 内存 {memory}（{window}）',
  },
};

export default metricsZhCN;
