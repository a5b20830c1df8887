export const DAEMONSET = `# node agent
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: default
  labels:
    app: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      hostNetwork: true
      containers:
        - name: agent
          image: busybox:1.36
          imagePullPolicy: IfNotPresent
          volumeMounts:
            - name: data
              mountPath: /data
      volumes:
        - name: data
          hostPath:
            path: /var/lib/agent
`;
