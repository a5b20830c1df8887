// 列表页自己的中文文案（zh-CN.ts 中的 `bulk`），键与 list-en.ts 一致。
const listZhCN = {
  redeploy: {
    title: '重新部署守护进程集 {name}？ | 重新部署 {count} 个守护进程集？',
    restart: '当前没有容器组会重启。 | 1 个容器组将按更新策略逐步重启。 | {count} 个容器组将按各自的更新策略逐步重启。',
    onDelete:
      '{names} 使用 OnDelete 策略：其容器组只在被删除时才会重启。 | {names} 使用 OnDelete 策略：其容器组只在被删除时才会重启。',
    confirm: '重新部署 {count} 个守护进程集 | 重新部署 {count} 个守护进程集',
  },
  podsDeleted:
    '当前没有容器组在运行。 | 当前有 1 个容器组在运行：除非在下方选择保留，它也会被删除。 | 当前有 {count} 个容器组在运行：除非在下方选择保留，它们也会被删除。',
  notice: {
    notInContext: '{context} 的项目 {namespace} 中没有守护进程集 {name}：以下是 {context} 的守护进程集。',
    dismiss: '关闭',
  },
};

export default listZhCN;
