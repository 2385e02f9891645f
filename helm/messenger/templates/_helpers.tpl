{{/* Names, labels and shared pieces of the messenger chart's objects. */}}

{{/*
The release's name prefix: the release name cut to 30 characters, then
"-messenger", so that every object name stays within 63 characters with its
suffix and always contains "messenger".
*/}}
{{- define "messenger.fullname" -}}
{{- printf "%s-messenger" (.Release.Name | trunc 30 | trimSuffix "-") -}}
{{- end -}}

{{/* Name of one service's objects, e.g. "prod-messenger-gateway". Call with (dict "root" $ "service" "gateway"). */}}
{{- define "messenger.serviceName" -}}
{{- printf "%s-%s" (include "messenger.fullname" .root) .service -}}
{{- end -}}

{{- define "messenger.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/part-of: messenger
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- range $key, $value := .Values.commonLabels }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* Labels of one service's objects. Call with (dict "root" $ "service" "gateway"). */}}
{{- define "messenger.serviceLabels" -}}
{{ include "messenger.labels" .root }}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/component: {{ .service }}
{{- end -}}

{{/* An environment variable's value as a quoted string; whole numbers never in exponent form. */}}
{{- define "messenger.envValue" -}}
{{- if kindIs "float64" . -}}
{{- int64 . | toString | quote -}}
{{- else -}}
{{- toString . | quote -}}
{{- end -}}
{{- end -}}

{{/* Labels that select one service's pods. Call with (dict "root" $ "service" "gateway"). */}}
{{- define "messenger.selectorLabels" -}}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{- define "messenger.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .service (.root.Values.image.tag | default .root.Chart.AppVersion | toString) -}}
{{- end -}}

{{/* Address of a service's gRPC servers: its headless Service, resolved to every ready pod. */}}
{{- define "messenger.grpcUrl" -}}
{{- $values := index .root.Values .service -}}
{{- printf "dns:///%s-grpc:%v" (include "messenger.serviceName" .) $values.ports.grpc -}}
{{- end -}}

{{- define "messenger.redisSecretName" -}}
{{- if .Values.externalRedis.existingSecret -}}
{{- .Values.externalRedis.existingSecret -}}
{{- else -}}
{{- printf "%s-redis" (include "messenger.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* The key of the signing key Secret that holds the PEM file. */}}
{{- define "messenger.signingKeySecretKey" -}}
{{- if .Values.auth.signingKey.existingSecret -}}
{{- .Values.auth.signingKey.existingSecretKey -}}
{{- else -}}
signing-key.pem
{{- end -}}
{{- end -}}

{{- define "messenger.signingKeySecretName" -}}
{{- if .Values.auth.signingKey.existingSecret -}}
{{- .Values.auth.signingKey.existingSecret -}}
{{- else -}}
{{- printf "%s-auth-signing-key" (include "messenger.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* The key of the URL signing key Secret that holds the key bytes. */}}
{{- define "messenger.mediaUrlSigningKeySecretKey" -}}
{{- if .Values.media.urlSigningKey.existingSecret -}}
{{- .Values.media.urlSigningKey.existingSecretKey -}}
{{- else -}}
url-signing.key
{{- end -}}
{{- end -}}

{{- define "messenger.mediaUrlSigningKeySecretName" -}}
{{- if .Values.media.urlSigningKey.existingSecret -}}
{{- .Values.media.urlSigningKey.existingSecret -}}
{{- else -}}
{{- printf "%s-media-url-signing-key" (include "messenger.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* Fails unless the S3 endpoint and a source of credentials are set: the media service cannot start without them. */}}
{{- define "messenger.checkMediaS3" -}}
{{- with .Values.media.s3 -}}
{{- if not .endpoint -}}
{{- fail "media.s3.endpoint is required: set the base URL of the S3-compatible server, e.g. https://s3.eu-west-1.amazonaws.com" -}}
{{- end -}}
{{- if and (not .existingSecret) (or (not .accessKeyId) (not .secretAccessKey)) -}}
{{- fail "media.s3 has no credentials: set media.s3.existingSecret to a Secret with the access key id and secret access key, or set media.s3.accessKeyId and media.s3.secretAccessKey" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The Secret with the S3 credentials: media.s3.existingSecret, or the one the chart creates. */}}
{{- define "messenger.mediaS3SecretName" -}}
{{- if .Values.media.s3.existingSecret -}}
{{- .Values.media.s3.existingSecret -}}
{{- else -}}
{{- printf "%s-media-s3" (include "messenger.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/*
Environment entries of the S3 credentials, read from a Secret. Call with
(dict "root" $ "secretName" NAME); the setup job passes its own copy of the
chart's Secret.
*/}}
{{- define "messenger.mediaS3CredentialsEnv" -}}
{{- $s3 := .root.Values.media.s3 -}}
- name: MEDIA_S3_ACCESS_KEY_ID
  valueFrom:
    secretKeyRef:
      name: {{ .secretName }}
      key: {{ if $s3.existingSecret }}{{ $s3.existingSecretAccessKeyIdKey }}{{ else }}access-key-id{{ end }}
- name: MEDIA_S3_SECRET_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .secretName }}
      key: {{ if $s3.existingSecret }}{{ $s3.existingSecretSecretAccessKeyKey }}{{ else }}secret-access-key{{ end }}
{{- end -}}

{{/* Kafka brokers and Cassandra contact points, from the bundled servers or the external ones. */}}
{{- define "messenger.kafkaBrokers" -}}
{{- if .Values.kafka.enabled -}}
{{- printf "%s-kafka:9092" .Release.Name -}}
{{- else -}}
{{- join "," .Values.externalKafka.brokers -}}
{{- end -}}
{{- end -}}

{{- define "messenger.cassandraContactPoints" -}}
{{- if .Values.cassandra.enabled -}}
{{- printf "%s-cassandra:9042" .Release.Name -}}
{{- else -}}
{{- join "," .Values.externalCassandra.contactPoints -}}
{{- end -}}
{{- end -}}

{{/* Environment entries shared by the services that use Redis. */}}
{{- define "messenger.redisEnv" -}}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "messenger.redisSecretName" . }}
      key: {{ if .Values.externalRedis.existingSecret }}{{ .Values.externalRedis.existingSecretKey }}{{ else }}url{{ end }}
{{- end -}}

{{/* Environment entries shared by the services that use Cassandra. */}}
{{- define "messenger.cassandraEnv" -}}
- name: CASSANDRA_CONTACT_POINTS
  value: {{ include "messenger.cassandraContactPoints" . | quote }}
- name: CASSANDRA_LOCAL_DATA_CENTER
  value: {{ .Values.cassandra.enabled | ternary "datacenter1" .Values.externalCassandra.localDataCenter | quote }}
- name: CASSANDRA_KEYSPACE
  value: {{ .Values.externalCassandra.keyspace | quote }}
{{- with .Values.externalCassandra.existingSecret }}
- name: CASSANDRA_USERNAME
  valueFrom:
    secretKeyRef: { name: {{ . }}, key: username }
- name: CASSANDRA_PASSWORD
  valueFrom:
    secretKeyRef: { name: {{ . }}, key: password }
{{- end }}
{{- end -}}
