{{/*
The Deployment, ConfigMap and Service that every messenger service has.
Call with a dict:
  root     the chart's top scope ($)
  service  gateway, auth, message or presence
  config   map of the service's own environment variables (strings)
  env      extra container env entries as YAML (secrets, field references)
  grpc     true when the service serves gRPC
  podSpec  extra pod spec keys as YAML (e.g. terminationGracePeriodSeconds)
  container extra container keys as YAML (e.g. lifecycle)
  volumes, volumeMounts  extra volumes as YAML lists
*/}}

{{- define "messenger.configMap" -}}
{{- $values := index .root.Values .service -}}
{{- $scope := dict "root" .root "service" .service -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "messenger.serviceName" $scope }}
  labels:
    {{- include "messenger.serviceLabels" $scope | nindent 4 }}
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
  KAFKA_BROKERS: {{ include "messenger.kafkaBrokers" .root | quote }}
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
    - name: metrics
      port: {{ $values.ports.metrics }}
      targetPort: metrics
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
      {{- with .podSpec }}
      {{- . | nindent 6 }}
      {{- end }}
      containers:
        - name: {{ .service }}
          image: {{ include "messenger.image" $scope }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          envFrom:
            - configMapRef:
                name: {{ include "messenger.serviceName" $scope }}
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
          # Startup and liveness ask only whether the process answers, so a
          # slow Redis, Kafka or Cassandra never restarts a pod; readiness
          # also checks those, and takes the pod out of its Service.
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
          {{- with .container }}
          {{- . | nindent 10 }}
          {{- end }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- with .volumeMounts }}
            {{- . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir: {}
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
      {{- with $values.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}

{{/* ConfigMap, Service and Deployment of one service, as one YAML stream. */}}
{{- define "messenger.workload" -}}
{{ include "messenger.configMap" . }}
---
{{ include "messenger.service" . }}
---
{{ include "messenger.deployment" . }}
{{- end -}}
