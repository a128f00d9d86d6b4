{{/*
The chart name, or nameOverride.
*/}}
{{- define "kafka-denoiser.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The full name of the release's resources, at most 63 characters (the DNS label limit).
*/}}
{{- define "kafka-denoiser.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version for the helm.sh/chart label.
*/}}
{{- define "kafka-denoiser.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels of every resource.
*/}}
{{- define "kafka-denoiser.labels" -}}
helm.sh/chart: {{ include "kafka-denoiser.chart" . }}
{{ include "kafka-denoiser.selectorLabels" . }}
{{- if .Chart.AppVersion }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
{{- end }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Labels selecting the release's pods; add app.kubernetes.io/component to tell the workloads apart.
*/}}
{{- define "kafka-denoiser.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kafka-denoiser.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The service account the pods run as.
*/}}
{{- define "kafka-denoiser.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "kafka-denoiser.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The application image.
*/}}
{{- define "kafka-denoiser.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
Most replicas an autoscaler may ask for: the requested maximum, but never more than the input topics'
partitions, since Kafka Streams gives a replica without a partition nothing to do.
Call with (dict "requested" N "partitions" M).
*/}}
{{- define "kafka-denoiser.maxReplicas" -}}
{{- min (int .requested) (int .partitions) }}
{{- end }}

{{/*
The denoiser's workload kind: a StatefulSet keeps a volume per replica for the state directory.
*/}}
{{- define "kafka-denoiser.denoiserKind" -}}
{{- if .Values.denoiser.persistence.enabled }}StatefulSet{{ else }}Deployment{{ end }}
{{- end }}

{{/*
Whether the chart mounts a Kafka client properties file.
*/}}
{{- define "kafka-denoiser.kafkaConfigured" -}}
{{- if or .Values.kafka.existingSecret .Values.kafka.config }}true{{ end }}
{{- end }}

{{/*
The Secret holding the Kafka client properties, and its key.
*/}}
{{- define "kafka-denoiser.kafkaSecretName" -}}
{{- default (printf "%s-kafka" (include "kafka-denoiser.fullname" .)) .Values.kafka.existingSecret }}
{{- end }}

{{- define "kafka-denoiser.kafkaSecretKey" -}}
{{- if .Values.kafka.existingSecret }}{{ .Values.kafka.existingSecretKey }}{{ else }}client.properties{{ end }}
{{- end }}

{{/*
Kafka client properties as a Java properties file; backslashes are escaped as the format requires.
*/}}
{{- define "kafka-denoiser.kafkaProperties" -}}
{{- range $key, $value := .Values.kafka.config }}
{{ $key }}={{ $value | toString | replace "\\" "\\\\" }}
{{- end }}
{{- end }}

{{/*
Settings that cannot work together fail the render with a message, instead of a broken release.
*/}}
{{- define "kafka-denoiser.validate" -}}
{{- if and .Values.autoscaling.enabled .Values.keda.enabled }}
{{- fail "autoscaling.enabled and keda.enabled are exclusive: both would scale the denoiser; enable one of them" }}
{{- end }}
{{- if and .Values.kafka.existingSecret .Values.kafka.config }}
{{- fail "kafka.existingSecret and kafka.config are exclusive: put the properties in the existing Secret, or leave it empty" }}
{{- end }}
{{- if not .Values.kafka.bootstrapServers }}
{{- fail "kafka.bootstrapServers is required" }}
{{- end }}
{{- if and .Values.denoiser.modelFiles.files (not .Values.denoiser.modelFiles.existingConfigMap) }}
{{- fail "denoiser.modelFiles.files needs denoiser.modelFiles.existingConfigMap, the ConfigMap holding the files" }}
{{- end }}
{{- end }}

{{/*
DENOISER_MODEL_FILES from denoiser.modelFiles: NAME=FILE pairs, comma-separated, in name order.
*/}}
{{- define "kafka-denoiser.modelFileList" -}}
{{- $mountPath := .mountPath -}}
{{- $pairs := list -}}
{{- range $name, $key := .files -}}
{{- $pairs = append $pairs (printf "%s=%s/%s" $name $mountPath $key) -}}
{{- end -}}
{{- join "," $pairs -}}
{{- end }}

{{/*
Volumes every application pod mounts: a writable /tmp and, when configured, the Kafka properties.
*/}}
{{- define "kafka-denoiser.commonVolumes" -}}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.volumes.tmpSizeLimit }}
{{- if include "kafka-denoiser.kafkaConfigured" . }}
- name: kafka-config
  secret:
    secretName: {{ include "kafka-denoiser.kafkaSecretName" . }}
{{- end }}
{{- end }}

{{- define "kafka-denoiser.commonVolumeMounts" -}}
- name: tmp
  mountPath: /tmp
{{- if include "kafka-denoiser.kafkaConfigured" . }}
- name: kafka-config
  mountPath: {{ .Values.kafka.mountPath }}
  readOnly: true
{{- end }}
{{- end }}

{{/*
Volumes of the pods that run the models: the JavaCPP native cache and, when set, the signing keys: the
public key for every pod, the private key only where withPrivateKey is true (the trainer).
Call with (dict "root" $ "withPrivateKey" true|false).
*/}}
{{- define "kafka-denoiser.modelVolumes" -}}
{{- $root := .root -}}
- name: native-cache
  emptyDir:
    sizeLimit: {{ $root.Values.volumes.nativeCacheSizeLimit }}
{{- if $root.Values.signing.existingSecret }}
- name: signing-keys
  secret:
    secretName: {{ $root.Values.signing.existingSecret }}
    items:
      - key: {{ $root.Values.signing.publicKey }}
        path: {{ $root.Values.signing.publicKey }}
      {{- if .withPrivateKey }}
      - key: {{ $root.Values.signing.privateKey }}
        path: {{ $root.Values.signing.privateKey }}
      {{- end }}
{{- end }}
{{- end }}

{{- define "kafka-denoiser.modelVolumeMounts" -}}
- name: native-cache
  mountPath: /var/cache/denoiser/javacpp
{{- if .Values.signing.existingSecret }}
- name: signing-keys
  mountPath: {{ .Values.signing.mountPath }}
  readOnly: true
{{- end }}
{{- end }}

{{/*
Environment every application container gets besides the ConfigMap.
*/}}
{{- define "kafka-denoiser.jvmEnv" -}}
{{- if .Values.jvm.toolOptions }}
- name: JAVA_TOOL_OPTIONS
  value: {{ .Values.jvm.toolOptions | quote }}
{{- end }}
{{- end }}

{{/*
Pod placement: each of nodeSelector, affinity, tolerations and topologySpreadConstraints from the component's
values where they set it, else the chart-wide value. Call with (dict "root" $ "component" .Values.denoiser),
or an empty component for the pods of no component (the topics Job, the helm test pod).
*/}}
{{- define "kafka-denoiser.placement" -}}
{{- $values := .root.Values -}}
{{- range $key := list "nodeSelector" "affinity" "tolerations" "topologySpreadConstraints" }}
{{- with get $.component $key | default (get $values $key) }}
{{ $key }}:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
{{- with $values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
The topics of every pipeline the denoiser runs, as JSON {"pipelines": [{"name", "input", "denoised", "latent"}]}:
the pipelines file's entries when it is set (a topic it leaves out is the built-in one of the pipeline's
name), else denoiser.pipelines with their built-in topics. Read it with (include ... | fromJson).pipelines.
*/}}
{{- define "kafka-denoiser.pipelineTopics" -}}
{{- $entries := list -}}
{{- if .Values.denoiser.pipelinesFile -}}
{{- $entries = (.Values.denoiser.pipelinesFile | fromYaml).pipelines -}}
{{- else -}}
{{- range .Values.denoiser.pipelines -}}
{{- $entries = append $entries (dict "name" .) -}}
{{- end -}}
{{- end -}}
{{- $pipelines := list -}}
{{- range $entries -}}
{{- $pipelines = append $pipelines (dict
      "name" .name
      "input" (.inputTopic | default (printf "denoiser.%s.noisy" .name))
      "denoised" (.denoisedTopic | default (printf "denoiser.%s.denoised" .name))
      "latent" (.latentTopic | default (printf "denoiser.%s.latent" .name))) -}}
{{- end -}}
{{- dict "pipelines" $pipelines | toJson -}}
{{- end }}

{{/*
The container ports the release's pods serve HTTP on: the denoiser's and, when deployed, the trainer's and
similar's, as NetworkPolicy ports.
*/}}
{{- define "kafka-denoiser.httpPorts" -}}
- port: {{ .Values.denoiser.metricsPort }}
  protocol: TCP
{{- if .Values.trainer.enabled }}
- port: {{ .Values.trainer.metricsPort }}
  protocol: TCP
{{- end }}
{{- if .Values.similar.enabled }}
- port: {{ .Values.similar.port }}
  protocol: TCP
{{- end }}
{{- end }}
