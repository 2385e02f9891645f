{{/*
The Deployment, ConfigMap and Service that every messenger service has.
Call with a dict:
  root     the chart's top scope ($)
  service  gateway, auth, message, presence or media
  config   map of the service's own environment variables (strings)
  env      extra container env entries as YAML (secrets, field references)
  grpc     true when the service serves gRPC
  kafka    true when the service reads KAFKA_BROKERS
  drainSeconds  how long the process may take to stop after SIGTERM
  volumes, volumeMounts  extra volumes as YAML lists
  tmpSizeLimit  size limit of the /tmp emptyDir; empty means none
*/}}

{{/* Fails on an extraEnv entry that the chart sets itself or that looks like a secret. */}}
{{- define "messenger.checkExtraEnv" -}}
{{- $values := index .root.Values .service -}}
{{- $reserved := list "LOG_LEVEL" "NODE_OPTIONS" "HTTP_HOST" "HTTP_PORT" "METRICS_HOST" "METRICS_PORT" "GRPC_HOST" "GRPC_PORT" "KAFKA_BROKERS" -}}
{{- $reserved = concat $reserved (keys .config) -}}
{{- range (fromYamlArray (.env | default "[]")) -}}
{{- $reserved = append $reserved .name -}}
{{- end -}}
{{- range $name, $_ := $values.extraEnv -}}
{{- if has $name $reserved -}}
{{- fail (printf "%s.extraEnv.%s is set by the chart; use the chart's own value for it" $.service $name) -}}
{{- end -}}
{{- if regexMatch "(?i)(PASSWORD|SECRET|TOKEN|(^|_)KEY($|_))" $name -}}
{{- fail (printf "%s.extraEnv.%s looks like a secret, which a ConfigMap must not hold; put it in a Secret and list that in %s.extraEnvFrom" $.service $name $.service) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "messenger.configMap" -}}
{{- $values := index .root.Values .service -}}
{{- $scope := dict "root" .root "service" .service -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "messenger.serviceName" $scope }}
  labels:
    {{- include "messenger.serviceLabels" $scope | nindent 4 }}
{{- include "messenger.checkExtraEnv" . }}
data:
  LOG_LEVEL: {{ .root.Values.logLevel | quote }}
  NODE_OPTIONS: {{ printf "--max-old-space-size=%v" $values.maxOldSpaceMiB | quote }}
  HTTP_HOST: "0.0.0.0"
  HTTP_PORT: {{ $values.ports.http | quote }}
  METRICS_HOST: "0.0.0.0"
  METRICS_PORT: {{ $values.ports.metrics | quote }}
  {{- if .grpc }}
  GRPC_HOST: "0.0.0.0"
  GRPC_PORT: {{ $values.ports.grpc | quote }}
  {{- end }}
  {{- if .kafka }}
  KAFKA_BROKERS: {{ include "messenger.kafkaBrokers" .root | quote }}
  {{- end }}
  {{- range $name, $value := .config }}
  {{ $name }}: {{ include "messenger.envValue" $value }}
  {{- end }}
  {{- range $name, $value := $values.extraEnv }}
  {{ $name }}: {{ include "messenger.envValue" $value }}
  {{- end }}
{{- end -}}

{{- define "messenger.service" -}}
{{- $values := index .root.Values .service -}}
{{- $scope := dict "root" .root "service" .service -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "messenger.serviceName" $scope }}
  labels:
    {{- include "messenger.serviceLabels" $scope | nindent 4 }}
  {{- with (($values.service).annotations) }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ (($values.service).type) | default "ClusterIP" }}
  selector:
    {{- include "messenger.selectorLabels" $scope | nindent 4 }}
  ports:
    - name: http
      port: {{ $values.ports.http }}
      targetPort: http
    {{- if .grpc }}
    - name: grpc
      port: {{ $values.ports.grpc }}
      targetPort: grpc
      appProtocol: grpc
    {{- end }}
    {{- /* A Service exposed outside the cluster leaves metrics to messenger.metricsService. */}}
    {{- if eq ((($values.service).type) | default "ClusterIP") "ClusterIP" }}
    - name: metrics
      port: {{ $values.ports.metrics }}
      targetPort: metrics
    {{- end }}
{{- end -}}

{{/* A cluster-internal Service for the metrics port of a service whose main Service is exposed outside. */}}
{{- define "messenger.metricsService" -}}
{{- $values := index .root.Values .service -}}
{{- $scope := dict "root" .root "service" .service -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "messenger.serviceName" $scope }}-metrics
  labels:
    {{- include "messenger.serviceLabels" $scope | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "messenger.selectorLabels" $scope | nindent 4 }}
  ports:
    - name: metrics
      port: {{ $values.ports.metrics }}
      targetPort: metrics
{{- end -}}

{{/*
A headless Service for gRPC: its DNS name resolves to every ready pod, which
the callers' round-robin balancing ("dns:///" addresses) spreads calls over.
*/}}
{{- define "messenger.grpcService" -}}
{{- $values := index .root.Values .service -}}
{{- $scope := dict "root" .root "service" .service -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "messenger.serviceName" $scope }}-grpc
  labels:
    {{- include "messenger.serviceLabels" $scope | nindent 4 }}
spec:
  clusterIP: None
  selector:
    {{- include "messenger.selectorLabels" $scope | nindent 4 }}
  ports:
    - name: grpc
      port: {{ $values.ports.grpc }}
      targetPort: grpc
      appProtocol: grpc
{{- end -}}

{{- define "messenger.deployment" -}}
{{- $root := .root -}}
{{- $values := index $root.Values .service -}}
{{- $scope := dict "root" $root "service" .service -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "messenger.serviceName" $scope }}
  labels:
    {{- include "messenger.serviceLabels" $scope | nindent 4 }}
spec:
  {{- if not (($values.autoscaling).enabled) }}
  replicas: {{ $values.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "messenger.selectorLabels" $scope | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        {{- include "messenger.serviceLabels" $scope | nindent 8 }}
      annotations:
        # Restarts the pods when their configuration changes.
        checksum/config: {{ include "messenger.configMap" . | sha256sum }}
    spec:
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      automountServiceAccountToken: false
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      {{- /* SIGTERM comes after the pre-stop pause; then the process may take drainSeconds to stop. */}}
      terminationGracePeriodSeconds: {{ add ($values.preStopSleepSeconds | default 0) .drainSeconds }}
      containers:
        - name: {{ .service }}
          image: {{ include "messenger.image" $scope }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          envFrom:
            - configMapRef:
                name: {{ include "messenger.serviceName" $scope }}
            {{- with $values.extraEnvFrom }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- with .env }}
          env:
            {{- . | nindent 12 }}
          {{- end }}
          ports:
            - name: http
              containerPort: {{ $values.ports.http }}
            {{- if .grpc }}
            - name: grpc
              containerPort: {{ $values.ports.grpc }}
            {{- end }}
            - name: metrics
              containerPort: {{ $values.ports.metrics }}
          # Liveness asks only whether the process answers, so a slow
          # dependency does not restart a running pod. Readiness checks the
          # dependencies that requests need and takes the pod out of its
          # Service. A service that cannot reach Redis, Kafka or Cassandra
          # while starting exits, and Kubernetes restarts it with back-off.
          startupProbe:
            httpGet: { path: /health/live, port: http }
            periodSeconds: 2
            failureThreshold: 60
          livenessProbe:
            httpGet: { path: /health/live, port: http }
            periodSeconds: 10
            timeoutSeconds: 5
            failureThreshold: 6
          readinessProbe:
            httpGet: { path: /health/ready, port: http }
            periodSeconds: 5
            timeoutSeconds: 5
            failureThreshold: 3
          resources:
            {{- toYaml $values.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.containerSecurityContext | nindent 12 }}
          {{- with $values.preStopSleepSeconds }}
          lifecycle:
            preStop:
              sleep: { seconds: {{ . }} }
          {{- end }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- with .volumeMounts }}
            {{- . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          {{- with .tmpSizeLimit }}
          emptyDir: { sizeLimit: {{ . }} }
          {{- else }}
          emptyDir: {}
          {{- end }}
        {{- with .volumes }}
        {{- . | nindent 8 }}
        {{- end }}
      {{- with $values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if $values.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml $values.topologySpreadConstraints | nindent 8 }}
      {{- else if $root.Values.spreadOverNodes }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "messenger.selectorLabels" $scope | nindent 14 }}
          matchLabelKeys: [pod-template-hash]
      {{- end }}
{{- end -}}

{{/* ConfigMap, Service and Deployment of one service, as one YAML stream. */}}
{{- define "messenger.workload" -}}
{{- $values := index .root.Values .service -}}
{{ include "messenger.configMap" . }}
---
{{ include "messenger.service" . }}
{{- if ne ((($values.service).type) | default "ClusterIP") "ClusterIP" }}
---
{{ include "messenger.metricsService" . }}
{{- end }}
{{- if .grpc }}
---
{{ include "messenger.grpcService" . }}
{{- end }}
---
{{ include "messenger.deployment" . }}
{{- end -}}
